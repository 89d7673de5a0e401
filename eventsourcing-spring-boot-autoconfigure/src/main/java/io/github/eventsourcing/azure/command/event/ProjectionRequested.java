package io.github.eventsourcing.azure.command.event;

import io.github.eventsourcing.azure.stream.EventName;

import java.time.Instant;

/** A step asked for a projection of another stream; {@link ProjectionValueReturned} records the answer. */
@EventName("Projection Requested")
public record ProjectionRequested(String requestId, String domain, String entityType, String instanceKey,
                                  String projection, Instant asOf) {
}
