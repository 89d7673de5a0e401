package io.github.eventsourcing.azure.autoconfigure.notification;

import com.azure.messaging.eventgrid.EventGridPublisherClientBuilder;

/**
 * Customizes the Event Grid client builder before the notification publisher's client is built (HTTP client,
 * proxy, retry policy...). Declare beans of this type; they run in order.
 */
@FunctionalInterface
public interface NotificationClientCustomizer {

    void customize(EventGridPublisherClientBuilder builder);
}
