package io.github.eventsourcing.azure.spi;

import io.github.eventsourcing.azure.stream.ExistenceConstraint;
import io.github.eventsourcing.azure.stream.ExpectedVersion;
import io.github.eventsourcing.azure.stream.WriteContext;

import java.time.Instant;
import java.util.List;

/**
 * One atomic append, already validated against the {@link io.github.eventsourcing.azure.stream.EventStoreLimits}.
 *
 * @param events          1 to maxEventsPerAppend events, ids distinct
 * @param expectedVersion the version the stream must be at, or {@link ExpectedVersion#ANY}; 0 means "must not
 *                        exist" (a must-be-new append always arrives with 0)
 * @param constraint      the existence constraint, to choose the exception when the expectation fails
 * @param context         stored with every event
 * @param writtenAt       the write time to store with every event (millisecond precision)
 */
public record AppendRequest(List<EventRecord> events, long expectedVersion, ExistenceConstraint constraint,
                            WriteContext context, Instant writtenAt) {

    public AppendRequest {
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("An append needs at least one event");
        }
    }

    public boolean expectsVersion() {
        return expectedVersion != ExpectedVersion.ANY;
    }
}
