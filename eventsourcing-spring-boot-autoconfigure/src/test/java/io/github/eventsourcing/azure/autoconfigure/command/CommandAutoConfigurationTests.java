package io.github.eventsourcing.azure.autoconfigure.command;

import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.EventSourcingConfigurationFailureAnalyzerTests;
import io.github.eventsourcing.azure.autoconfigure.InMemoryEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.command.CommandStatus;
import io.github.eventsourcing.azure.command.Commands;
import io.github.eventsourcing.azure.command.internal.CommandRunner;
import io.github.eventsourcing.azure.command.internal.CommandsHealthIndicator;
import io.github.eventsourcing.azure.command.transfers.LedgerApplication;
import io.github.eventsourcing.azure.command.transfers.LedgerApplication.Credited;
import io.github.eventsourcing.azure.command.transfers.LedgerApplication.Switches;
import io.github.eventsourcing.azure.command.transfers.LedgerApplication.Transfer;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.WriteContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.github.eventsourcing.azure.command.transfers.LedgerApplication.TRANSFER;
import static io.github.eventsourcing.azure.command.transfers.LedgerApplication.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@DisplayName("CommandAutoConfiguration")
class CommandAutoConfigurationTests {

    private final ApplicationContextRunner base = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class,
                    InMemoryEventStoreAutoConfiguration.class, CommandAutoConfiguration.class));

    private final ApplicationContextRunner ledger = base.withUserConfiguration(LedgerApplication.class);

    @Test
    @DisplayName("stays out of an application without command handlers")
    void backsOffWithoutHandlers() {
        base.withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=in-memory")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Commands.class)
                        .doesNotHaveBean(CommandRunner.class));
    }

    @Test
    @DisplayName("has a claim duration of 30 s and a resume interval of 10 s by default")
    void defaults() {
        ledger.withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=in-memory").run(context -> {
            CommandProperties properties = context.getBean(CommandProperties.class);
            assertThat(properties.getClaimDuration()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.getResumeInterval()).isEqualTo(Duration.ofSeconds(10));
            assertThat(context).hasSingleBean(Commands.class);
        });
    }

    @Test
    @DisplayName("fails at start-up, saying which rule to add, when no stream rule covers a handler's commands")
    void needsARuleForCommands() {
        FailureAnalysis analysis = EventSourcingConfigurationFailureAnalyzerTests.failure(ledger,
                "eventsourcing.streams.[Ledger.Account].backend=in-memory");
        assertThat(analysis.getDescription()).contains("Ledger.Command-Transfer");
        assertThat(analysis.getAction()).contains("eventsourcing.streams.[Ledger.ALL]");
    }

    @Test
    @DisplayName("fails at start-up, naming it, when the rules cover the commands and their index but not their list")
    void needsARuleForTheListOfRecentCommands() {
        FailureAnalysis analysis = EventSourcingConfigurationFailureAnalyzerTests.failure(ledger,
                "eventsourcing.streams.[Ledger.Account].backend=in-memory",
                "eventsourcing.streams.[Ledger.Command-Transfer].backend=in-memory",
                "eventsourcing.streams.[Ledger.Command-Transfer-Open].backend=in-memory");
        assertThat(analysis.getDescription()).contains("Ledger.Command-Transfer-Recent");
        assertThat(analysis.getAction()).contains("eventsourcing.streams.[Ledger.ALL]");
    }

    @Test
    @DisplayName("fails at start-up on a claim duration too short to renew")
    void refusesTinyClaims() {
        FailureAnalysis analysis = EventSourcingConfigurationFailureAnalyzerTests.failure(ledger,
                "eventsourcing.streams.[ALL.ALL].backend=in-memory", "eventsourcing.commands.claim-duration=10ms");
        assertThat(analysis.getDescription()).contains("eventsourcing.commands.claim-duration");
    }

    @Test
    @DisplayName("reports the open commands and the oldest incomplete one in its health indicator")
    @SuppressWarnings("unchecked")
    void healthShowsOldestIncompleteCommand() {
        ledger.withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=in-memory").run(context -> {
            Switches switches = context.getBean(Switches.class);
            switches.creditMayComplete = new CountDownLatch(1);
            context.getBean(EventStreams.class).stream(account("a")).append(new Credited(10));
            context.getBean(EventStreams.class).stream(account("b")).append(new Credited(0));
            String id = context.getBean(Commands.class).start(TRANSFER, "held", new Transfer("a", "b", 1),
                    WriteContext.EMPTY).id();
            assertThat(switches.creditWritten.await(10, TimeUnit.SECONDS)).isTrue();

            Health health = context.getBean(CommandsHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("openCommands", 1);
            assertThat((Map<String, Object>) health.getDetails().get("oldestIncompleteCommand"))
                    .containsEntry("type", "Ledger.Transfer").containsEntry("id", id);

            switches.creditMayComplete.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> context.getBean(Commands.class).instance(TRANSFER, id)
                    .execution().state().getStatus() == CommandStatus.COMPLETED);
            await().atMost(Duration.ofSeconds(5)).until(() -> Integer.valueOf(0).equals(
                    context.getBean(CommandsHealthIndicator.class).health().getDetails().get("openCommands")));
        });
    }
}
