package io.github.eventsourcing.azure.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags {@code eventsourcing.projection} observations. Declare a bean of this type (for example a
 * subclass of {@link DefaultProjectionObservationConvention}) to change them.
 */
public interface ProjectionObservationConvention extends ObservationConvention<ProjectionObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof ProjectionObservationContext;
    }
}
