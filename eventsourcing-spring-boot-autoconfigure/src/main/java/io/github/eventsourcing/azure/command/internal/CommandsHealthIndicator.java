package io.github.eventsourcing.azure.command.internal;

import io.github.eventsourcing.azure.actuate.internal.DeadLetterDetails;
import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.spi.DeadLetter;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The open commands: how many, and the oldest incomplete one (its type, id and age), read from the index of open
 * commands; and the commands set aside as dead letters (how many, and the oldest). UP whatever it finds: an old
 * command or a dead letter is a detail to look into, not a reason to stop sending traffic.
 */
public final class CommandsHealthIndicator extends AbstractHealthIndicator {

    /** How many entries per type are looked at for their age, so that a large backlog keeps the check short. */
    private static final int MAX_AGED_ENTRIES = 100;

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
        int open = 0;
        Map<String, Object> oldest = null;
        Instant oldestAt = null;
        for (CommandType type : handlers.types()) {
            List<String> ids = index.openIds(type);
            open += ids.size();
            for (String id : ids.subList(0, Math.min(ids.size(), MAX_AGED_ENTRIES))) {
                Optional<Instant> openedAt = index.openedAt(type, id);
                if (openedAt.isPresent() && (oldestAt == null || openedAt.get().isBefore(oldestAt))) {
                    oldestAt = openedAt.get();
                    oldest = new LinkedHashMap<>();
                    oldest.put("type", type.toString());
                    oldest.put("id", id);
                    oldest.put("openedAt", oldestAt.toString());
                    oldest.put("age", Duration.between(oldestAt, clock.instant()).toString());
                }
            }
        }
        builder.up().withDetail("openCommands", open);
        if (oldest != null) {
            builder.withDetail("oldestIncompleteCommand", oldest);
        }
        builder.withDetails(DeadLetterDetails.of(deadLetters));
    }
}
