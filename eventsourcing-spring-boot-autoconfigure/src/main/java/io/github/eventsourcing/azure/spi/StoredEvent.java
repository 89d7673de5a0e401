package io.github.eventsourcing.azure.spi;

import io.github.eventsourcing.azure.stream.WriteContext;

import java.time.Instant;

/** One event as a backend reads it back, before deserialization. */
public record StoredEvent(long sequence, String eventId, String eventName, int schemaVersion, Instant writtenAt,
                          WriteContext context, byte[] data) {
}
