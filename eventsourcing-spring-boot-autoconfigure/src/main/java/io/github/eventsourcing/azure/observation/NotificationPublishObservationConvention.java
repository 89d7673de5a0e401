package io.github.eventsourcing.azure.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags {@code eventsourcing.notification.publish} observations. Declare a bean of this type (for example a
 * subclass of {@link DefaultNotificationPublishObservationConvention}) to change them.
 */
public interface NotificationPublishObservationConvention
        extends ObservationConvention<NotificationPublishObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof NotificationPublishObservationContext;
    }
}
