package io.github.eventsourcing.azure.notification;

import io.github.eventsourcing.azure.stream.StreamId;

import java.time.Instant;
import java.util.Objects;

/**
 * A projection was run over a stream.
 *
 * @param projectionName the projection's name ({@link io.github.eventsourcing.azure.projection.ProjectionName})
 * @param asOfSequence   the sequence of the last event folded
 * @param asOfTime       the write time of the last event folded (null when none)
 * @param completedAt    when the projection completed
 * @param stateJson      the projection's state after the fold, as JSON
 */
public record ProjectionCompletedNotification(String id, StreamId streamId, String projectionName, long asOfSequence,
                                              Instant asOfTime, Instant completedAt, String stateJson)
        implements Notification {

    public ProjectionCompletedNotification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(projectionName, "projectionName");
        Objects.requireNonNull(completedAt, "completedAt");
    }

    @Override
    public NotificationKind kind() {
        return NotificationKind.PROJECTION_COMPLETED;
    }

    @Override
    public Instant time() {
        return completedAt;
    }

    @Override
    public String name() {
        return projectionName;
    }
}
