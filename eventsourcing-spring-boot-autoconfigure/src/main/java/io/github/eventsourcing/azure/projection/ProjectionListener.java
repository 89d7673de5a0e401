package io.github.eventsourcing.azure.projection;

import java.util.Map;

/**
 * Told when a projection or classification has been computed (e.g. to publish a "projection completed"
 * notification). Called in the computing thread after the fold; must return quickly and must not throw.
 */
public interface ProjectionListener {

    default void projectionCompleted(String projectionName, ProjectionResult<?> result) {
    }

    default void classificationCompleted(String classificationName, ClassificationResult<?> result,
                                         Map<String, ?> parameters) {
    }
}
