package io.github.eventsourcing.azure.command.internal;

import io.github.eventsourcing.azure.command.CommandExecution;
import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.command.event.CommandCompleted;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static io.github.eventsourcing.azure.command.CommandScenarioTests.LEDGER;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A claim on a command")
class ClaimTest {

    @Test
    @DisplayName("is not renewed once its run recorded how it ended, so no renewal follows the end in the stream")
    void noRenewalAfterTheEnd() {
        LEDGER.run(context -> {
            Projections projections = context.getBean(Projections.class);
            StreamId id = CommandType.of("Ledger", "Probe").instance("c-1");
            EventStream stream = context.getBean(EventStreams.class).stream(id);
            Claim claim = Claim.take(stream, projections.project(id, CommandExecution.class), "this-instance",
                    projections, Clock.systemUTC(), Duration.ofMinutes(1)).orElseThrow();

            claim.renew();
            claim.end(new CommandCompleted());
            claim.renew(); // a renewal that was due as the run ended

            assertThat(stream.read().stream().map(event -> event.payload().getClass().getSimpleName()))
                    .containsExactly("CommandClaimed", "CommandClaimRenewed", "CommandCompleted");
        });
    }
}
