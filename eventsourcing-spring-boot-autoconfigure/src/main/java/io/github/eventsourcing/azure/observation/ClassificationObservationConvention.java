package io.github.eventsourcing.azure.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags {@code eventsourcing.classification} observations. Declare a bean of this type (for example a
 * subclass of {@link DefaultClassificationObservationConvention}) to change them.
 */
public interface ClassificationObservationConvention extends ObservationConvention<ClassificationObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof ClassificationObservationContext;
    }
}
