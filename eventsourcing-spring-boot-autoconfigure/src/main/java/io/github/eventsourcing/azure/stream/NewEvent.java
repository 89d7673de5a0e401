package io.github.eventsourcing.azure.stream;

import java.util.Objects;
import java.util.UUID;

/**
 * An event to append, with the id that makes its append idempotent: appending an event whose id the stream
 * already holds does not write it again. Without an explicit id a random one is used, which still makes the
 * library's own retries (after a lost response) safe.
 */
public record NewEvent(Object payload, String eventId) {

    /** Longest event id accepted (characters). */
    public static final int MAX_EVENT_ID_LENGTH = 128;

    public NewEvent {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(eventId, "eventId");
        if (eventId.isEmpty() || eventId.length() > MAX_EVENT_ID_LENGTH) {
            throw new IllegalArgumentException("An event id must be 1 to " + MAX_EVENT_ID_LENGTH + " characters long");
        }
        for (int i = 0; i < eventId.length(); i++) {
            char c = eventId.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("An event id may only contain printable ASCII characters: '"
                        + eventId + "'");
            }
        }
    }

    public static NewEvent of(Object payload) {
        return new NewEvent(payload, UUID.randomUUID().toString());
    }

    public static NewEvent of(Object payload, String eventId) {
        return new NewEvent(payload, eventId);
    }
}
