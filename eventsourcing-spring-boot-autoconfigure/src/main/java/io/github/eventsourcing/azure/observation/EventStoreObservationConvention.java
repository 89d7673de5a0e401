package io.github.eventsourcing.azure.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags {@code eventsourcing.store} observations. Declare a bean of this type (for example a subclass of
 * {@link DefaultEventStoreObservationConvention}) to change them.
 */
public interface EventStoreObservationConvention extends ObservationConvention<EventStoreObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof EventStoreObservationContext;
    }
}
