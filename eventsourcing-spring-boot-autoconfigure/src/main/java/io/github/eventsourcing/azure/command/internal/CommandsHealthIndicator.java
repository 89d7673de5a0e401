package io.github.eventsourcing.azure.command.internal;

import io.github.eventsourcing.azure.actuate.internal.DeadLetterDetails;
import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.spi.DeadLetter;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The open commands: how many, and the oldest incomplete one (its type, id and age), read from the index of open
 * commands; and the commands set aside as dead letters (how many, and the oldest). UP whatever it finds: an old
 * command or a dead letter is a detail to look into, not a reason to stop sending traffic.
 */
public final class CommandsHealthIndicator extends AbstractHealthIndicator {

    private final CommandHandlers handlers;
    private final OpenCommandIndex index;
    private final Supplier<List<DeadLetter>> deadLetters;
    private final Clock clock;

    /** @param deadLetters the command dead letters */
    public CommandsHealthIndicator(CommandHandlers handlers, OpenCommandIndex index,
                                   Supplier<List<DeadLetter>> deadLetters, Clock clock) {
        super("Reading the index of open commands failed");
        this.handlers = handlers;
        this.index = index;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        OpenBacklog backlog = OpenBacklog.of(index, handlers.types(), CommandType::toString, clock);
        builder.up().withDetail("openCommands", backlog.open());
        if (backlog.oldest() != null) {
            builder.withDetail("oldestIncompleteCommand", backlog.oldest());
        }
        builder.withDetails(DeadLetterDetails.of(deadLetters));
    }
}
