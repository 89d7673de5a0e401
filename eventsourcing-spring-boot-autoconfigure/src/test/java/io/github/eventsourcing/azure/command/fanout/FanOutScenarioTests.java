package io.github.eventsourcing.azure.command.fanout;

import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.InMemoryEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.InvalidEventSourcingConfigurationException;
import io.github.eventsourcing.azure.autoconfigure.command.CommandAutoConfiguration;
import io.github.eventsourcing.azure.command.CommandExecution;
import io.github.eventsourcing.azure.command.CommandInstance;
import io.github.eventsourcing.azure.command.CommandStatus;
import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.command.Commands;
import io.github.eventsourcing.azure.command.FanOutResults;
import io.github.eventsourcing.azure.command.event.InstanceOutcomesRecorded;
import io.github.eventsourcing.azure.command.fanout.SavingsApplication.InterestAdded;
import io.github.eventsourcing.azure.command.fanout.SavingsApplication.Opened;
import io.github.eventsourcing.azure.command.fanout.SavingsApplication.Run;
import io.github.eventsourcing.azure.command.fanout.SavingsApplication.Switches;
import io.github.eventsourcing.azure.command.fanout.SavingsApplication.Threshold;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.github.eventsourcing.azure.command.fanout.SavingsApplication.ACCOUNTS;
import static io.github.eventsourcing.azure.command.fanout.SavingsApplication.ADD_BONUS;
import static io.github.eventsourcing.azure.command.fanout.SavingsApplication.ADD_INTEREST;
import static io.github.eventsourcing.azure.command.fanout.SavingsApplication.REVIEW_ABOVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@DisplayName("A fan-out step")
class FanOutScenarioTests {

    /** The savings accounts on the in-memory backend; a subclass runs the same scenarios in Table storage. */
    ApplicationContextRunner savings() {
        return SAVINGS;
    }

    static final ApplicationContextRunner SAVINGS = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class,
                    InMemoryEventStoreAutoConfiguration.class, CommandAutoConfiguration.class))
            .withUserConfiguration(SavingsApplication.class)
            .withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=in-memory",
                    "eventsourcing.commands.claim-duration=1s", "eventsourcing.commands.resume-interval=100ms",
                    "eventsourcing.commands.fan-out.record-interval=50ms");

    @Test
    @DisplayName("records each instance's outcome once, and collates the counts in a projection of the command's stream")
    void recordsEachOutcomeOnce() {
        savings().run(context -> {
            open(context, 12, 100);
            run(context, ADD_INTEREST, "2026-01-01"); // a run before, for the first two: those are skipped now
            open(context, 1, 100);
            CommandInstance second = awaitEnd(start(context, ADD_INTEREST, "2026-01-01"));

            assertThat(second.execution().state().getStatus()).isEqualTo(CommandStatus.COMPLETED);
            FanOutResults results = results(context, second);
            assertThat(results.countsOf("accrue")).containsExactlyInAnyOrderEntriesOf(Map.of("skipped", 12,
                    "added", 1));
            assertThat(recordedKeys(context, second)).hasSize(13).doesNotHaveDuplicates();
            assertThat(interestEvents(context)).isEqualTo(13);
        });
    }

    @Test
    @DisplayName("keeps at most the configured number of instances at work at once")
    void boundedParallelism() {
        savings().withPropertyValues("eventsourcing.commands.fan-out.parallelism=3").run(context -> {
            Switches switches = context.getBean(Switches.class);
            switches.delayMillis = 40;
            open(context, 15, 100);
            CommandInstance run = run(context, ADD_INTEREST, "2026-01-02");
            assertThat(results(context, run).countsOf("accrue")).isEqualTo(Map.of("added", 15));
            assertThat(switches.mostInFlight.get()).isEqualTo(3);
        });
    }

    @Test
    @DisplayName("tries the instances that failed again in a retry pass, and records as failed those that fail every pass")
    void retryPass() {
        savings().withPropertyValues("eventsourcing.commands.fan-out.retry-passes=2").run(context -> {
            Switches switches = context.getBean(Switches.class);
            open(context, 6, 100);
            switches.errors.put("acct-1", new AtomicInteger(1)); // recovers in the first retry pass
            switches.errors.put("acct-2", new AtomicInteger(2)); // in the second
            switches.errors.put("acct-3", new AtomicInteger(99)); // never
            CommandInstance run = run(context, ADD_INTEREST, "2026-01-03");

            assertThat(run.execution().state().getStatus()).isEqualTo(CommandStatus.COMPLETED);
            Map<String, InstanceOutcomesRecorded.Outcome> outcomes = results(context, run).outcomesOf("accrue");
            assertThat(outcomes.get("acct-0").pass()).isEqualTo(1);
            assertThat(outcomes.get("acct-1")).extracting("outcome", "pass").containsExactly("added", 2);
            assertThat(outcomes.get("acct-2")).extracting("outcome", "pass").containsExactly("added", 3);
            assertThat(outcomes.get("acct-3")).extracting("outcome", "pass").containsExactly("failed", 3);
            assertThat(outcomes.get("acct-3").reason()).contains("storage hiccup on acct-3");
            assertThat(results(context, run).countsOf("accrue")).isEqualTo(Map.of("added", 5, "failed", 1));
            assertThat(recordedKeys(context, run)).hasSize(6).doesNotHaveDuplicates();
        });
    }

    @Test
    @DisplayName("resumed after a crash between instances' effects and their record, skips the instances recorded and changes none twice")
    void resumesAfterCrash() {
        savings().withPropertyValues("eventsourcing.commands.fan-out.parallelism=4",
                "eventsourcing.commands.fan-out.outcomes-per-event=5").run(context -> {
            Switches switches = context.getBean(Switches.class);
            switches.batchesBeforeCrash.set(1); // one recorded, to skip; the next one's effects written, not recorded
            switches.delayMillis = 20;
            open(context, 24, 100);
            CommandInstance run = run(context, ADD_INTEREST, "2026-01-04");

            assertThat(run.execution().state().getStatus()).isEqualTo(CommandStatus.COMPLETED);
            assertThat(switches.batchesBeforeCrash.get()).as("it crashed").isNegative();
            assertThat(switches.foundWritten.get()).as("effects written before the crash, recorded after it")
                    .isPositive();
            assertThat(recordedKeys(context, run)).hasSize(24).doesNotHaveDuplicates();
            assertThat(results(context, run).countsOf("accrue")).isEqualTo(Map.of("added", 24));
            assertThat(interestEvents(context)).isEqualTo(24);
        });
    }

    @Test
    @DisplayName("records many outcomes per event, at most outcomes-per-event each")
    void chunksOutcomes() {
        savings().withPropertyValues("eventsourcing.commands.fan-out.outcomes-per-event=10",
                "eventsourcing.commands.fan-out.record-interval=10s").run(context -> {
            open(context, 25, 100);
            CommandInstance run = run(context, ADD_INTEREST, "2026-01-05");
            List<Integer> sizes = outcomeEvents(context, run).stream().map(event -> event.outcomes().size()).toList();
            assertThat(sizes).containsExactly(10, 10, 5);
        });
    }

    @Test
    @DisplayName("over a classification runs only for the instances it includes")
    void overAClassification() {
        savings().run(context -> {
            open(context, 3, 100);
            EventStreams streams = context.getBean(EventStreams.class);
            streams.stream(ACCOUNTS.instance("big-1")).append(new Opened(5000));
            streams.stream(ACCOUNTS.instance("big-2")).append(new Opened(1000));
            CommandInstance run = run(context, ADD_BONUS, "2026-01-06");
            assertThat(results(context, run).outcomesOf("bonus")).containsOnlyKeys("big-1", "big-2");
            assertThat(interestEvents(context)).isEqualTo(2);
        });
    }

    @Test
    @DisplayName("can take its instances from the command's parameters")
    void instancesByParameters() {
        savings().run(context -> {
            EventStreams streams = context.getBean(EventStreams.class);
            streams.stream(ACCOUNTS.instance("small")).append(new Opened(100));
            streams.stream(ACCOUNTS.instance("mid")).append(new Opened(1000));
            streams.stream(ACCOUNTS.instance("big")).append(new Opened(5000));
            Commands commands = context.getBean(Commands.class);
            CommandInstance above1000 = awaitEnd(commands.start(REVIEW_ABOVE, new Threshold(1000)));
            CommandInstance above5000 = awaitEnd(commands.start(REVIEW_ABOVE, new Threshold(5000)));
            assertThat(results(context, above1000).outcomesOf("review")).containsOnlyKeys("mid", "big");
            assertThat(results(context, above5000).outcomesOf("review")).containsOnlyKeys("big");
        });
    }

    @Test
    @DisplayName("with a parallelism below 1 fails at start-up, saying what to set")
    void refusesNoParallelism() {
        savings().withPropertyValues("eventsourcing.commands.fan-out.parallelism=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(InvalidEventSourcingConfigurationException.class)
                    .hasMessageContaining("eventsourcing.commands.fan-out.parallelism is 0");
        });
    }

    static void open(AssertableApplicationContext context, int count, long balance) {
        EventStreams streams = context.getBean(EventStreams.class);
        int existing = streams.instanceKeys(ACCOUNTS.domain(), ACCOUNTS.entityType()).size();
        for (int i = existing; i < existing + count; i++) {
            streams.stream(ACCOUNTS.instance("acct-" + i)).append(new Opened(balance));
        }
    }

    static CommandInstance start(AssertableApplicationContext context, CommandType type, String day) {
        return context.getBean(Commands.class).start(type, new Run(day));
    }

    static CommandInstance run(AssertableApplicationContext context, CommandType type, String day) {
        return awaitEnd(start(context, type, day));
    }

    static CommandInstance awaitEnd(CommandInstance command) {
        // A simulated crash ends its worker thread with an uncaught error, as a killed process would stop: not a failure.
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> command.execution().state().getStatus().isTerminal());
        return command;
    }

    static FanOutResults results(AssertableApplicationContext context, CommandInstance command) {
        return context.getBean(Projections.class).project(command.streamId(), FanOutResults.class).state();
    }

    static List<InstanceOutcomesRecorded> outcomeEvents(AssertableApplicationContext context,
                                                        CommandInstance command) {
        return context.getBean(EventStreams.class).stream(command.streamId()).read().stream()
                .map(RecordedEvent::payload).filter(InstanceOutcomesRecorded.class::isInstance)
                .map(InstanceOutcomesRecorded.class::cast).toList();
    }

    /** Every instance key in the command's outcome records, as often as it is there. */
    static List<String> recordedKeys(AssertableApplicationContext context, CommandInstance command) {
        List<String> keys = new ArrayList<>();
        outcomeEvents(context, command).forEach(event -> event.outcomes().forEach(outcome -> keys.add(outcome.key())));
        return keys;
    }

    static long interestEvents(AssertableApplicationContext context) {
        EventStreams streams = context.getBean(EventStreams.class);
        return streams.instanceKeys(ACCOUNTS.domain(), ACCOUNTS.entityType()).stream()
                .flatMap(key -> streams.stream(ACCOUNTS.instance(key)).read().stream())
                .filter(event -> event.payload() instanceof InterestAdded).count();
    }
}
