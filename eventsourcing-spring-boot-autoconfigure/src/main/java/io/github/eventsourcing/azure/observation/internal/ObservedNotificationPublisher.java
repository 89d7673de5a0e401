package io.github.eventsourcing.azure.observation.internal;

import io.github.eventsourcing.azure.notification.Notification;
import io.github.eventsourcing.azure.notification.NotificationPublishException;
import io.github.eventsourcing.azure.notification.NotificationPublisher;
import io.github.eventsourcing.azure.observation.DefaultNotificationPublishObservationConvention;
import io.github.eventsourcing.azure.observation.EventSourcingObservation;
import io.github.eventsourcing.azure.observation.NotificationPublishObservationContext;
import io.github.eventsourcing.azure.observation.NotificationPublishObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import java.util.List;
import java.util.function.Supplier;

/**
 * A {@link NotificationPublisher} that makes an {@code eventsourcing.notification.publish} observation of every batch
 * it publishes (see {@link EventSourcingObservation#NOTIFICATION_PUBLISH}): failures to reach Event Grid show up as
 * {@code outcome=error}, before the notification backlog grows old enough to turn the health DOWN.
 */
public final class ObservedNotificationPublisher implements NotificationPublisher {

    private static final NotificationPublishObservationConvention DEFAULT_CONVENTION =
            new DefaultNotificationPublishObservationConvention();

    private final NotificationPublisher delegate;
    private final ObservationRegistry registry;
    private final NotificationPublishObservationConvention customConvention;

    /**
     * @param customConvention replaces the default names and keys; null for the default
     */
    public ObservedNotificationPublisher(NotificationPublisher delegate, ObservationRegistry registry,
                                         NotificationPublishObservationConvention customConvention) {
        this.delegate = delegate;
        this.registry = registry;
        this.customConvention = customConvention;
    }

    /** The publisher this one observes. */
    public NotificationPublisher delegate() {
        return delegate;
    }

    @Override
    public void publish(List<? extends Notification> notifications) {
        if (notifications.isEmpty()) {
            delegate.publish(notifications);
            return;
        }
        NotificationPublishObservationContext context = new NotificationPublishObservationContext(notifications);
        Supplier<NotificationPublishObservationContext> supplier = () -> context;
        Observation observation = EventSourcingObservation.NOTIFICATION_PUBLISH.observation(customConvention,
                DEFAULT_CONVENTION, supplier, registry);
        observation.observe(() -> {
            try {
                delegate.publish(notifications);
                context.published(notifications.size());
            } catch (NotificationPublishException failure) {
                context.published(failure.publishedCount());
                throw failure;
            }
        });
    }
}
