package io.github.eventsourcing.azure.command.internal;

import io.github.eventsourcing.azure.command.CommandType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How many commands of some types are open, and the oldest of them, read from the index of open commands: the
 * details of a health indicator (of commands, or of the queries that run as commands).
 *
 * @param open   how many are open
 * @param oldest the oldest one's type (as the caller names it), id, opening time and age; null when none is open
 */
public record OpenBacklog(int open, Map<String, Object> oldest) {

    /** How many entries per type are looked at for their age, so that a large backlog keeps the check short. */
    private static final int MAX_AGED_ENTRIES = 100;

    /** @param typeName how a type is named in the details */
    public static OpenBacklog of(OpenCommandIndex index, List<CommandType> types,
                                 Function<CommandType, String> typeName, Clock clock) {
        int open = 0;
        Map<String, Object> oldest = null;
        Instant oldestAt = null;
        for (CommandType type : types) {
            List<String> ids = index.openIds(type);
            open += ids.size();
            for (String id : ids.subList(0, Math.min(ids.size(), MAX_AGED_ENTRIES))) {
                Optional<Instant> openedAt = index.openedAt(type, id);
                if (openedAt.isPresent() && (oldestAt == null || openedAt.get().isBefore(oldestAt))) {
                    oldestAt = openedAt.get();
                    oldest = new LinkedHashMap<>();
                    oldest.put("type", typeName.apply(type));
                    oldest.put("id", id);
                    oldest.put("openedAt", oldestAt.toString());
                    oldest.put("age", Duration.between(oldestAt, clock.instant()).toString());
                }
            }
        }
        return new OpenBacklog(open, oldest);
    }
}
