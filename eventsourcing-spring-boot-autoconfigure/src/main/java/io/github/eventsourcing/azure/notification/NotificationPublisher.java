package io.github.eventsourcing.azure.notification;

import java.util.List;

/**
 * Sends notifications somewhere, in the order given. The auto-configured one posts to Azure Event Grid; declare a
 * bean of this type to send them elsewhere (the durable dispatch and its guarantees stay the same).
 */
public interface NotificationPublisher {

    /**
     * Publishes the notifications, in order, in one or more requests; returns only when every request was accepted.
     *
     * @throws NotificationPublishException when a request failed; notifications of the requests before it were
     *                                      published ({@link NotificationPublishException#publishedCount()})
     */
    void publish(List<? extends Notification> notifications);
}
