package io.github.eventsourcing.azure.spi;

import java.util.Objects;

/**
 * One serialized event to append.
 *
 * @param eventId       idempotency key, unique within the stream
 * @param eventName     business name
 * @param schemaVersion version of the JSON shape
 * @param data          the event as UTF-8 JSON
 */
public record EventRecord(String eventId, String eventName, int schemaVersion, byte[] data) {

    public EventRecord {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(data, "data");
    }
}
