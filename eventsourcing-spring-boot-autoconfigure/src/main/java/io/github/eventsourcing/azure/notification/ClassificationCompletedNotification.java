package io.github.eventsourcing.azure.notification;

import io.github.eventsourcing.azure.stream.StreamId;

import java.time.Instant;
import java.util.Objects;

/**
 * A classification was run over a stream.
 *
 * @param classificationName the classification's name ({@link io.github.eventsourcing.azure.projection.ProjectionName})
 * @param included           whether the instance is in the class as of the last event folded
 * @param wasEverIncluded    whether any event put it in the class
 * @param wasEverExcluded    whether any event took it out of the class
 * @param asOfSequence       the sequence of the last event folded
 * @param asOfTime           the write time of the last event folded (null when none)
 * @param completedAt        when the classification completed
 * @param parametersJson     the parameters it ran with, as a JSON object (null when none)
 */
public record ClassificationCompletedNotification(String id, StreamId streamId, String classificationName,
                                                  boolean included, boolean wasEverIncluded, boolean wasEverExcluded,
                                                  long asOfSequence, Instant asOfTime, Instant completedAt,
                                                  String parametersJson) implements Notification {

    public ClassificationCompletedNotification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(classificationName, "classificationName");
        Objects.requireNonNull(completedAt, "completedAt");
    }

    @Override
    public NotificationKind kind() {
        return NotificationKind.CLASSIFICATION_COMPLETED;
    }

    @Override
    public Instant time() {
        return completedAt;
    }

    @Override
    public String name() {
        return classificationName;
    }
}
