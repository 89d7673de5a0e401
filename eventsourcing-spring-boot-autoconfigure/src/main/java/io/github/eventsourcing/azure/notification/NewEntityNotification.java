package io.github.eventsourcing.azure.notification;

import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;

import java.time.Instant;
import java.util.Objects;

/**
 * A stream was created. Published in the same or an earlier request than the notification of the stream's first
 * event.
 *
 * @param createdAt the write time of the first event
 * @param context   the write context of the append that created the stream
 */
public record NewEntityNotification(String id, StreamId streamId, Instant createdAt, WriteContext context)
        implements Notification {

    public NewEntityNotification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(createdAt, "createdAt");
        context = context == null ? WriteContext.EMPTY : context;
    }

    @Override
    public NotificationKind kind() {
        return NotificationKind.NEW_ENTITY;
    }

    @Override
    public Instant time() {
        return createdAt;
    }
}
