package io.github.eventsourcing.azure.command;

import io.github.eventsourcing.azure.autoconfigure.AppendBlobEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.TableEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.command.transfers.LedgerApplication.Switches;
import io.github.eventsourcing.azure.command.transfers.LedgerApplication.Transfer;
import io.github.eventsourcing.azure.deadletter.DeadLetters;
import io.github.eventsourcing.azure.spi.DeadLetter;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;
import java.util.UUID;

import static io.github.eventsourcing.azure.command.CommandScenarioTests.LEDGER;
import static io.github.eventsourcing.azure.command.CommandScenarioTests.awaitDeadLetter;
import static io.github.eventsourcing.azure.command.CommandScenarioTests.awaitEnd;
import static io.github.eventsourcing.azure.command.CommandScenarioTests.balance;
import static io.github.eventsourcing.azure.command.CommandScenarioTests.commandLetters;
import static io.github.eventsourcing.azure.command.CommandScenarioTests.eventNames;
import static io.github.eventsourcing.azure.command.CommandScenarioTests.open;
import static io.github.eventsourcing.azure.command.CommandScenarioTests.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A command set aside as a dead letter in durable storage (Table and AppendBlob on Azurite, through the Azure SDK),
 * seen by two application instances that share it.
 */
@DisplayName("A command set aside in storage")
class CommandDeadLetterOnStorageTests {

    private static ApplicationContextRunner instanceOn(String backend, String prefix) {
        return LEDGER.withConfiguration(AutoConfigurations.of(TableEventStoreAutoConfiguration.class,
                        AppendBlobEventStoreAutoConfiguration.class))
                .withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=" + backend,
                        "eventsourcing.connections.default.connection-string=" + Azurite.get().connectionString(),
                        "eventsourcing.table.table-name-prefix=" + prefix,
                        "eventsourcing.append-blob.container-prefix=" + prefix);
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"table", "append-blob"})
    @DisplayName("is filed as one letter that every instance sees, filed again by the next instance when its holder "
            + "died before filing it, resumed by neither while set aside, and completes once retried")
    void oneLetterAcrossInstances(String backend) {
        ApplicationContextRunner instance = instanceOn(backend,
                "cd" + UUID.randomUUID().toString().replace("-", "").substring(0, 8));
        instance.run(first -> {
            first.getBean(Switches.class).creditErrors.set(1_000);
            open(first, "uma", 40);
            open(first, "vic", 0);
            CommandInstance transfer = start(first, new Transfer("uma", "vic", 15));
            DeadLetter letter = awaitDeadLetter(first, transfer);
            assertThat(letter.stream()).isEqualTo(transfer.streamId());
            assertThat(letter.detail(DeadLetter.STEP)).isEqualTo("credit");
            assertThat(letter.attempts()).isEqualTo(3);

            // As if the first instance had died between setting the command aside and filing its letter:
            first.getBean(EventStoreRouter.class).storeFor(transfer.streamId().type()).deadLetters().orElseThrow()
                    .remove(letter.id());
            instance.run(second -> {
                second.getBean(Switches.class).creditErrors.set(1_000);
                await().atMost(Duration.ofSeconds(20)).until(() -> !commandLetters(second).isEmpty());
                assertThat(commandLetters(second)).extracting(DeadLetter::id).containsExactly(letter.id());
                assertThat(commandLetters(first)).extracting(DeadLetter::id).containsExactly(letter.id());

                Thread.sleep(1_000); // 10 resume intervals of each instance
                assertThat(transfer.execution().state().attemptsOf("credit")).as("never run while set aside")
                        .isEqualTo(3);
                assertThat(eventNames(first, transfer)).filteredOn("Command Dead Lettered"::equals).hasSize(1);
                assertThat(commandLetters(second)).hasSize(1);

                first.getBean(Switches.class).creditErrors.set(0);
                second.getBean(Switches.class).creditErrors.set(0);
                assertThat(second.getBean(DeadLetters.class).retry(letter.id())).isPresent();
                assertThat(awaitEnd(transfer).getStatus()).isEqualTo(CommandStatus.COMPLETED);
                assertThat(commandLetters(first)).isEmpty();
                assertThat(balance(first, "vic")).isEqualTo(15);
            });
        });
    }
}
