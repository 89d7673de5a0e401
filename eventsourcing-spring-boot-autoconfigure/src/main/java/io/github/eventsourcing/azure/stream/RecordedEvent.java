package io.github.eventsourcing.azure.stream;

import java.time.Instant;

/**
 * An event as read from a stream, with where and when it was written.
 *
 * @param streamId      the stream it belongs to
 * @param sequence      its position, 1 for the first event
 * @param eventId       its id (the idempotency key it was appended with)
 * @param eventName     its business name, as in {@link EventName}
 * @param schemaVersion the schema version of the payload after upcasting
 * @param writtenAt     when it was written; never earlier than the event before it in the same stream
 * @param context       the write context of its append
 * @param payload       the event object; an {@link UnknownEvent} when no class is registered for its name
 */
public record RecordedEvent(StreamId streamId, long sequence, String eventId, String eventName, int schemaVersion,
                            Instant writtenAt, WriteContext context, Object payload) {

    /** True when the payload could be mapped to a registered event class. */
    public boolean isKnown() {
        return !(payload instanceof UnknownEvent);
    }

    /** The payload as the given type; fails clearly when it is another type (or an unknown event). */
    public <T> T payloadAs(Class<T> type) {
        if (!type.isInstance(payload)) {
            throw new ClassCastException("Event #" + sequence + " of " + streamId + " is '" + eventName
                    + "' (" + payload.getClass().getName() + "), not " + type.getName());
        }
        return type.cast(payload);
    }
}
