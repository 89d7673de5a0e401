package io.github.eventsourcing.azure.notification;

import io.github.eventsourcing.azure.projection.ClassificationResult;
import io.github.eventsourcing.azure.projection.ProjectionResult;

import java.util.Map;

/**
 * Told, in the reading thread, when a projection or classification over an existing stream completed. The
 * {@link io.github.eventsourcing.azure.projection.Projections} implementation calls every such bean; implementations
 * must return quickly and never throw (reads must not slow down or fail because of them).
 */
public interface ProjectionCompletionListener {

    /**
     * @param projectionName the projection's name ({@link io.github.eventsourcing.azure.projection.Projections#nameOf})
     * @param result         the completed projection
     */
    default void projectionCompleted(String projectionName, ProjectionResult<?> result) {
    }

    /**
     * @param classificationName the classification's name
     * @param result             the completed classification
     * @param parameters         the parameters it ran with
     */
    default void classificationCompleted(String classificationName, ClassificationResult<?> result,
                                         Map<String, ?> parameters) {
    }
}
