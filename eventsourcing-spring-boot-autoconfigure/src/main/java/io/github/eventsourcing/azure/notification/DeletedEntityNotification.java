package io.github.eventsourcing.azure.notification;

import io.github.eventsourcing.azure.stream.StreamId;

import java.time.Instant;
import java.util.Objects;

/**
 * A stream was deleted.
 *
 * @param deletedAt when the deletion was recorded
 * @param version   the number of events the stream held when it was deleted (events not yet announced when the
 *                  deletion erased them are not announced afterwards; this tells a subscriber how many there were)
 */
public record DeletedEntityNotification(String id, StreamId streamId, Instant deletedAt, long version)
        implements Notification {

    public DeletedEntityNotification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(deletedAt, "deletedAt");
    }

    @Override
    public NotificationKind kind() {
        return NotificationKind.DELETED_ENTITY;
    }

    @Override
    public Instant time() {
        return deletedAt;
    }
}
