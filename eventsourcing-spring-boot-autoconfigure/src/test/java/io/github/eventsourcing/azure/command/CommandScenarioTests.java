package io.github.eventsourcing.azure.command;

import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.InMemoryEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.command.CommandAutoConfiguration;
import io.github.eventsourcing.azure.command.event.CommandClaimed;
import io.github.eventsourcing.azure.command.event.CommandStepCompleted;
import io.github.eventsourcing.azure.command.transfers.LedgerApplication;
import io.github.eventsourcing.azure.command.transfers.LedgerApplication.Credited;
import io.github.eventsourcing.azure.command.transfers.LedgerApplication.Funds;
import io.github.eventsourcing.azure.command.transfers.LedgerApplication.Switches;
import io.github.eventsourcing.azure.command.transfers.LedgerApplication.Transfer;
import io.github.eventsourcing.azure.deadletter.DeadLetters;
import io.github.eventsourcing.azure.projection.ProjectionOptions;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.spi.DeadLetter;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.github.eventsourcing.azure.command.transfers.LedgerApplication.TRANSFER;
import static io.github.eventsourcing.azure.command.transfers.LedgerApplication.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@DisplayName("A command")
public class CommandScenarioTests {

    /** The ledger on the in-memory backend; subclasses run the same scenarios on a storage backend. */
    ApplicationContextRunner ledger() {
        return LEDGER;
    }

    public static final ApplicationContextRunner LEDGER = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class,
                    InMemoryEventStoreAutoConfiguration.class, CommandAutoConfiguration.class))
            .withUserConfiguration(LedgerApplication.class)
            .withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=in-memory",
                    "eventsourcing.commands.claim-duration=1s", "eventsourcing.commands.resume-interval=100ms",
                    "eventsourcing.commands.max-attempts=3");

    @Test
    @DisplayName("records each step's start and completion, and writes each effect once with the command id as correlation id")
    void completes() {
        ledger().run(context -> {
            open(context, "alice", 100);
            open(context, "bob", 0);
            CommandInstance transfer = start(context, new Transfer("alice", "bob", 30));

            CommandExecution done = awaitEnd(transfer);
            assertThat(done.getStatus()).isEqualTo(CommandStatus.COMPLETED);
            assertThat(done.getSteps()).extracting(CommandExecution.StepRecord::name, CommandExecution.StepRecord::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("debit", StepStatus.COMPLETED),
                            org.assertj.core.groups.Tuple.tuple("credit", StepStatus.COMPLETED));
            assertThat(balance(context, "alice")).isEqualTo(70);
            assertThat(balance(context, "bob")).isEqualTo(30);
            List<RecordedEvent> bobs = events(context, "bob");
            assertThat(bobs).hasSize(2);
            assertThat(bobs.get(1).context().correlationId()).isEqualTo(transfer.id());
            assertThat(context.getBean(Commands.class).openCommandIds(TRANSFER)).isEmpty();
        });
    }

    @Test
    @DisplayName("fails without moving money when the source cannot pay")
    void failsWithoutMovingMoney() {
        ledger().run(context -> {
            open(context, "carol", 10);
            open(context, "dave", 0);
            CommandExecution done = awaitEnd(start(context, new Transfer("carol", "dave", 30)));
            assertThat(done.getStatus()).isEqualTo(CommandStatus.FAILED);
            assertThat(done.getReason()).isEqualTo("insufficient-funds");
            assertThat(balance(context, "carol")).isEqualTo(10);
            assertThat(events(context, "dave")).hasSize(1);
        });
    }

    @Test
    @DisplayName("refunds the debit when the credit fails for good, and ends compensated")
    void compensates() {
        ledger().run(context -> {
            open(context, "erin", 50);
            CommandExecution done = awaitEnd(start(context, new Transfer("erin", "nobody", 20)));
            assertThat(done.getStatus()).isEqualTo(CommandStatus.COMPENSATED);
            assertThat(done.getReason()).isEqualTo("account-not-found");
            assertThat(done.getSteps()).extracting(CommandExecution.StepRecord::name)
                    .containsExactly("debit", "credit", "refund");
            assertThat(done.getSteps().get(2).compensates()).isEqualTo("debit");
            assertThat(balance(context, "erin")).isEqualTo(50);
            assertThat(events(context, "erin")).extracting(RecordedEvent::eventName)
                    .containsExactly("Credited", "Debited", "Credited");
        });
    }

    @Test
    @DisplayName("stops at the next step boundary when cancelled, and refunds what it debited")
    void cancels() {
        ledger().run(context -> {
            Switches switches = context.getBean(Switches.class);
            switches.creditMayComplete = new CountDownLatch(1);
            open(context, "frank", 50);
            open(context, "grace", 0);
            CommandInstance transfer = start(context, new Transfer("frank", "grace", 20));
            assertThat(switches.creditWritten.await(10, TimeUnit.SECONDS)).isTrue();
            // The credit is written but not recorded: the request waits for the boundary after the credit step...
            assertThat(transfer.cancel(WriteContext.EMPTY)).isEqualTo(CancelOutcome.REQUESTED);
            assertThat(transfer.cancel(WriteContext.EMPTY)).as("a repeat").isEqualTo(CancelOutcome.REQUESTED);
            switches.creditMayComplete.countDown();
            // ...which is the last one: the cancellation lost the race, and the transfer completes.
            assertThat(awaitEnd(transfer).getStatus()).isEqualTo(CommandStatus.COMPLETED);
            assertThat(transfer.cancel(WriteContext.EMPTY)).isEqualTo(CancelOutcome.ALREADY_ENDED);
        });
    }

    @Test
    @DisplayName("cancelled before its last step undoes the completed steps and ends cancelled")
    void cancelledBeforeLastStep() {
        ledger().run(context -> {
            Switches switches = context.getBean(Switches.class);
            switches.creditMayStart = new CountDownLatch(1);
            switches.creditErrors.set(1); // the credit's first run fails before it writes: a boundary before the last step
            open(context, "heidi", 50);
            open(context, "ivan", 0);
            CommandInstance transfer = start(context, new Transfer("heidi", "ivan", 20));
            assertThat(switches.creditStarted.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(transfer.cancel(WriteContext.EMPTY)).isEqualTo(CancelOutcome.REQUESTED);
            switches.creditMayStart.countDown();
            CommandExecution done = awaitEnd(transfer);
            assertThat(done.getStatus()).isEqualTo(CommandStatus.CANCELLED);
            assertThat(balance(context, "heidi")).isEqualTo(50);
            assertThat(balance(context, "ivan")).isZero();
        });
    }

    @Test
    @DisplayName("that crashed after a step's write runs the step again without writing or re-checking its effect")
    void resumesAfterCrash() {
        ledger().run(context -> {
            Switches switches = context.getBean(Switches.class);
            switches.debitCrashes.set(1);
            open(context, "judy", 100);
            open(context, "ken", 0);
            // 80 of 100: a re-check on the balance that already holds its own debit (20) would refuse.
            CommandInstance transfer = start(context, new Transfer("judy", "ken", 80));
            CommandExecution done = awaitEnd(transfer);
            assertThat(done.getStatus()).isEqualTo(CommandStatus.COMPLETED);
            assertThat(done.attemptsOf("debit")).isEqualTo(2);
            assertThat(switches.debitChecks).hasValue(1);
            assertThat(events(context, "judy")).extracting(RecordedEvent::eventName)
                    .containsExactly("Credited", "Debited");
            assertThat(balance(context, "ken")).isEqualTo(80);
        });
    }

    @Test
    @DisplayName("records nothing more once another instance claimed it, and is resumed when that claim expires")
    void fencedByClaims() {
        ledger().run(context -> {
            Switches switches = context.getBean(Switches.class);
            switches.creditMayComplete = new CountDownLatch(1);
            open(context, "leo", 100);
            open(context, "mia", 0);
            CommandInstance transfer = start(context, new Transfer("leo", "mia", 10));
            assertThat(switches.creditWritten.await(10, TimeUnit.SECONDS)).isTrue();
            EventStreams streams = context.getBean(EventStreams.class);
            long rivalClaimAt = streams.stream(transfer.streamId()).append(new CommandClaimed("rival", "rival-claim",
                    Instant.now().plusSeconds(1)), AppendOptions.DEFAULT).version();
            switches.creditMayComplete.countDown();

            CommandExecution done = awaitEnd(transfer);
            assertThat(done.getStatus()).isEqualTo(CommandStatus.COMPLETED);
            List<RecordedEvent> history = streams.stream(transfer.streamId()).read();
            // The first holder's completion of "credit" was never recorded: the one there came after a new claim.
            List<RecordedEvent> creditCompletions = history.stream()
                    .filter(event -> event.payload() instanceof CommandStepCompleted completed
                            && completed.step().equals("credit")).toList();
            assertThat(creditCompletions).hasSize(1);
            RecordedEvent claimBeforeIt = history.stream().filter(event -> event.payload() instanceof CommandClaimed
                    && event.sequence() < creditCompletions.get(0).sequence()).reduce((a, b) -> b).orElseThrow();
            assertThat(claimBeforeIt.sequence()).isGreaterThan(rivalClaimAt);
            assertThat(events(context, "mia")).extracting(RecordedEvent::eventName)
                    .containsExactly("Credited", "Credited");
            assertThat(balance(context, "mia")).isEqualTo(10);
        });
    }

    @Test
    @DisplayName("whose step keeps failing with errors is set aside as one dead letter, not resumed, and completes once "
            + "retried after its cause is fixed")
    void deadLetteredThenRetried() {
        ledger().run(context -> {
            Switches switches = context.getBean(Switches.class);
            switches.creditErrors.set(100);
            open(context, "nina", 40);
            open(context, "otto", 0);
            CommandInstance transfer = start(context, new Transfer("nina", "otto", 15));
            DeadLetter letter = awaitDeadLetter(context, transfer);
            assertThat(letter.detail(DeadLetter.STEP)).isEqualTo("credit");
            assertThat(letter.attempts()).isEqualTo(3);
            assertThat(letter.lastError()).isEqualTo("storage hiccup");
            CommandExecution setAside = transfer.execution().state();
            assertThat(setAside.getStatus()).isEqualTo(CommandStatus.PENDING);
            assertThat(setAside.getDeadLettered().step()).isEqualTo("credit");
            assertThat(letter.id()).isEqualTo(DeadLetter.idOf(DeadLetter.COMMAND, transfer.streamId(),
                    setAside.getDeadLettered().sequence()));

            Thread.sleep(1_000); // 10 resume intervals: a command set aside is not run again
            assertThat(transfer.execution().state().attemptsOf("credit")).isEqualTo(3);
            assertThat(context.getBean(Commands.class).openCommandIds(TRANSFER)).contains(transfer.id());
            assertThat(commandLetters(context)).containsExactly(letter);

            switches.creditErrors.set(0); // the cause is fixed
            assertThat(context.getBean(DeadLetters.class).retry(letter.id())).contains(letter);
            CommandExecution done = awaitEnd(transfer);
            assertThat(done.getStatus()).isEqualTo(CommandStatus.COMPLETED);
            assertThat(done.attemptsOf("credit")).as("counted afresh after the retry").isEqualTo(1);
            assertThat(done.getDeadLettered()).isNull();
            assertThat(commandLetters(context)).isEmpty();
            assertThat(eventNames(context, transfer)).containsSubsequence("Command Dead Lettered", "Command Retried",
                    "Command Completed");
            assertThat(balance(context, "nina")).isEqualTo(25);
            assertThat(balance(context, "otto")).isEqualTo(15);
            assertThat(context.getBean(DeadLetters.class).retry(letter.id())).as("retried already").isEmpty();
        });
    }

    @Test
    @DisplayName("set aside as a dead letter and skipped gives its step up: it refunds what it debited and fails with "
            + "reason 'error'")
    void deadLetteredThenSkipped() {
        ledger().run(context -> {
            context.getBean(Switches.class).creditErrors.set(100);
            open(context, "olga", 40);
            open(context, "piet", 0);
            CommandInstance transfer = start(context, new Transfer("olga", "piet", 15));
            DeadLetter letter = awaitDeadLetter(context, transfer);

            assertThat(context.getBean(DeadLetters.class).skip(letter.id())).contains(letter);
            CommandExecution done = awaitEnd(transfer);
            assertThat(done.getStatus()).isEqualTo(CommandStatus.COMPENSATED);
            assertThat(done.getReason()).isEqualTo("error");
            assertThat(done.getSkippedSteps()).containsExactly("credit");
            assertThat(eventNames(context, transfer)).containsSubsequence("Command Dead Lettered",
                    "Command Step Skipped", "Command Failed");
            assertThat(commandLetters(context)).isEmpty();
            assertThat(balance(context, "olga")).isEqualTo(40);
            assertThat(balance(context, "piet")).isZero();
        });
    }

    @Test
    @DisplayName("started again with the same id and parameters is the same command; with other parameters it is refused")
    void idempotentStart() {
        ledger().run(context -> {
            open(context, "pat", 100);
            open(context, "quinn", 0);
            Commands commands = context.getBean(Commands.class);
            String id = "t-" + UUID.randomUUID();
            commands.start(TRANSFER, id, new Transfer("pat", "quinn", 5), WriteContext.EMPTY);
            CommandInstance again = commands.start(TRANSFER, id, new Transfer("pat", "quinn", 5), WriteContext.EMPTY);
            assertThat(awaitEnd(again).getStatus()).isEqualTo(CommandStatus.COMPLETED);
            assertThat(balance(context, "quinn")).isEqualTo(5);
            assertThatThrownBy(() -> commands.start(TRANSFER, id, new Transfer("pat", "quinn", 6), WriteContext.EMPTY))
                    .isInstanceOf(CommandIdConflictException.class);
            assertThat(again.parameters(Transfer.class)).isEqualTo(new Transfer("pat", "quinn", 5));
        });
    }

    @Test
    @DisplayName("is listed among the latest commands of its type, newest first, and once when started again")
    void listedAmongTheLatest() {
        ledger().run(context -> {
            open(context, "tom", 100);
            open(context, "uma", 0);
            Commands commands = context.getBean(Commands.class);
            CommandInstance first = start(context, new Transfer("tom", "uma", 1));
            CommandInstance second = start(context, new Transfer("tom", "uma", 2));
            commands.start(TRANSFER, first.id(), new Transfer("tom", "uma", 1), WriteContext.EMPTY);

            assertThat(commands.recentCommandIds(TRANSFER, 1000)).startsWith(second.id(), first.id())
                    .doesNotHaveDuplicates();
            assertThat(commands.recentCommandIds(TRANSFER, 1)).containsExactly(second.id());
            awaitEnd(first);
            awaitEnd(second);
        });
    }

    @Test
    @DisplayName("has an execution state, parameters and outstanding requests readable as of any point of its history")
    void projectionsAsOfAnyTime() {
        ledger().run(context -> {
            open(context, "rita", 100);
            open(context, "sam", 0);
            CommandInstance transfer = start(context, new Transfer("rita", "sam", 1));
            awaitEnd(transfer);
            Projections projections = context.getBean(Projections.class);
            CommandExecution atStart = transfer.execution(ProjectionOptions.asOf(4)).state();
            assertThat(atStart.getStatus()).isEqualTo(CommandStatus.PENDING);
            assertThat(atStart.getCommandType()).isEqualTo("Transfer");
            assertThat(projections.project(transfer.streamId(), CommandParameters.class).state().getValues())
                    .containsOnlyKeys("from", "to", "amount");
            assertThat(projections.project(transfer.streamId(), OutstandingRequests.class).state().getRequests())
                    .isEmpty();
            assertThat(transfer.streamId()).isEqualTo(StreamId.of("Ledger", "Command-Transfer", transfer.id()));
        });
    }

    public static CommandInstance start(AssertableApplicationContext context, Transfer transfer) {
        return context.getBean(Commands.class).start(TRANSFER, transfer);
    }

    public static CommandExecution awaitEnd(CommandInstance command) {
        // A simulated crash ends its worker thread with an uncaught error, as a killed process would stop: not a failure.
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> command.execution().state().getStatus().isTerminal());
        return command.execution().state();
    }

    public static DeadLetter awaitDeadLetter(AssertableApplicationContext context, CommandInstance command) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> commandLetters(context).stream().anyMatch(l -> l.stream().equals(command.streamId())));
        return commandLetters(context).stream().filter(l -> l.stream().equals(command.streamId())).findFirst()
                .orElseThrow();
    }

    public static List<DeadLetter> commandLetters(AssertableApplicationContext context) {
        return context.getBean(DeadLetters.class).list(DeadLetter.COMMAND);
    }

    static List<String> eventNames(AssertableApplicationContext context, CommandInstance command) {
        return context.getBean(EventStreams.class).stream(command.streamId()).read().stream()
                .map(RecordedEvent::eventName).toList();
    }

    public static void open(AssertableApplicationContext context, String key, long balance) {
        context.getBean(EventStreams.class).stream(account(key)).append(new Credited(balance));
    }

    static long balance(AssertableApplicationContext context, String key) {
        return context.getBean(Projections.class).project(account(key), Funds.class).state().getBalance();
    }

    static List<RecordedEvent> events(AssertableApplicationContext context, String key) {
        return context.getBean(EventStreams.class).stream(account(key)).read();
    }
}
