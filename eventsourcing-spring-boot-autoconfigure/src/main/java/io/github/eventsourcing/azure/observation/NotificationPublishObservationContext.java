package io.github.eventsourcing.azure.observation;

import io.github.eventsourcing.azure.notification.Notification;
import io.micrometer.observation.Observation;

import java.util.List;

/** What an {@code eventsourcing.notification.publish} observation knows about one batch of notifications. */
public final class NotificationPublishObservationContext extends Observation.Context {

    /** The value of the domain and entity keys when a batch spans several. */
    public static final String MIXED = "mixed";

    private final List<? extends Notification> notifications;
    private int published = -1;

    public NotificationPublishObservationContext(List<? extends Notification> notifications) {
        this.notifications = List.copyOf(notifications);
    }

    public List<? extends Notification> notifications() {
        return notifications;
    }

    /** The domain of every notification of the batch, or {@link #MIXED}. */
    public String domain() {
        return common(notification -> notification.streamId().domain());
    }

    /** The entity type of every notification of the batch, or {@link #MIXED}. */
    public String entity() {
        return common(notification -> notification.streamId().entityType());
    }

    /** How many were published; -1 until the publish has ended. */
    public int published() {
        return published;
    }

    /** Records how many notifications were published; called by the instrumentation. */
    public void published(int count) {
        this.published = count;
    }

    private String common(java.util.function.Function<Notification, String> attribute) {
        List<String> values = notifications.stream().map(attribute).distinct().toList();
        return values.size() == 1 ? values.get(0) : MIXED;
    }
}
