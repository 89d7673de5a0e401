package io.github.eventsourcing.azure.notification;

import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;

import java.time.Instant;
import java.util.Objects;

/**
 * An event was appended.
 *
 * @param eventName     the event's business name (e.g. {@code Money Deposited})
 * @param eventId       the id the event was appended with
 * @param sequence      its sequence number in the stream
 * @param schemaVersion the schema version of {@code eventJson} as stored (listeners upcast it when they read it)
 * @param writtenAt     its write time
 * @param context       the write context of its append
 * @param eventJson     the event payload as stored, a JSON text
 */
public record NewEventNotification(String id, StreamId streamId, String eventName, String eventId, long sequence,
                                   int schemaVersion, Instant writtenAt, WriteContext context, String eventJson)
        implements Notification {

    public NewEventNotification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(writtenAt, "writtenAt");
        Objects.requireNonNull(eventJson, "eventJson");
        context = context == null ? WriteContext.EMPTY : context;
    }

    @Override
    public NotificationKind kind() {
        return NotificationKind.NEW_EVENT;
    }

    @Override
    public Instant time() {
        return writtenAt;
    }

    @Override
    public String name() {
        return eventName;
    }
}
