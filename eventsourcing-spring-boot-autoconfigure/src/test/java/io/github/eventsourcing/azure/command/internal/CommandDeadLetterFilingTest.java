package io.github.eventsourcing.azure.command.internal;

import io.github.eventsourcing.azure.command.CommandExecution;
import io.github.eventsourcing.azure.command.CommandInstance;
import io.github.eventsourcing.azure.command.CommandStatus;
import io.github.eventsourcing.azure.command.transfers.LedgerApplication.Switches;
import io.github.eventsourcing.azure.command.transfers.LedgerApplication.Transfer;
import io.github.eventsourcing.azure.deadletter.DeadLetters;
import io.github.eventsourcing.azure.spi.DeadLetter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.github.eventsourcing.azure.command.CommandScenarioTests.LEDGER;
import static io.github.eventsourcing.azure.command.CommandScenarioTests.awaitDeadLetter;
import static io.github.eventsourcing.azure.command.CommandScenarioTests.awaitEnd;
import static io.github.eventsourcing.azure.command.CommandScenarioTests.commandLetters;
import static io.github.eventsourcing.azure.command.CommandScenarioTests.open;
import static io.github.eventsourcing.azure.command.CommandScenarioTests.start;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Filing a command's dead letter")
class CommandDeadLetterFilingTest {

    @Test
    @DisplayName("from a state read before the command was retried leaves no letter behind once the retry removed it")
    void staleFilingAfterRetry() {
        LEDGER.run(context -> {
            Switches switches = context.getBean(Switches.class);
            switches.creditErrors.set(100);
            open(context, "pia", 40);
            open(context, "quinn", 0);
            CommandInstance transfer = start(context, new Transfer("pia", "quinn", 15));
            DeadLetter letter = awaitDeadLetter(context, transfer);
            // What a resume pass holds when it read the command just before the retry below was recorded.
            CommandExecution.DeadLettered readBeforeRetry = transfer.execution().state().getDeadLettered();

            switches.creditErrors.set(0);
            assertThat(context.getBean(DeadLetters.class).retry(letter.id())).contains(letter);
            assertThat(awaitEnd(transfer).getStatus()).isEqualTo(CommandStatus.COMPLETED);
            assertThat(commandLetters(context)).isEmpty();

            // That pass now finds the letter missing (the retry removed it) and files it.
            context.getBean(CommandDeadLetters.class).fileIfMissing(transfer.streamId(), readBeforeRetry);
            assertThat(commandLetters(context)).as("a letter of a command no longer set aside").isEmpty();
        });
    }
}
