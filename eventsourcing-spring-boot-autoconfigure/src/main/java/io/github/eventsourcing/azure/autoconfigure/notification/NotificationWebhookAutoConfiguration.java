package io.github.eventsourcing.azure.autoconfigure.notification;

import com.fasterxml.jackson.databind.Module;
import io.github.eventsourcing.azure.core.EventSerializer;
import io.github.eventsourcing.azure.core.EventStoreRouter;
import io.github.eventsourcing.azure.core.EventTypeRegistry;
import io.github.eventsourcing.azure.notification.EventGridWebhook;
import io.github.eventsourcing.azure.notification.NotificationListeners;
import io.github.eventsourcing.azure.notification.NotificationReceiver;
import io.github.eventsourcing.azure.stream.EventStreams;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves the webhook Event Grid delivers notifications to and calls the application's
 * {@link io.github.eventsourcing.azure.notification.NotificationListener} methods, when
 * {@code eventsourcing.notifications.webhook.enabled=true} in a servlet web application.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnProperty(prefix = "eventsourcing.notifications.webhook", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(NotificationProperties.class)
public class NotificationWebhookAutoConfiguration {

    /** Static: a bean post processor, created before the other beans it inspects. */
    @Bean
    static NotificationListeners eventsourcingNotificationListeners() {
        return new NotificationListeners();
    }

    @Bean
    NotificationReceiver eventsourcingNotificationReceiver(NotificationListeners listeners,
                                                           NotificationProperties properties,
                                                           ObjectProvider<EventStreams> streams,
                                                           ObjectProvider<EventStoreRouter> routers,
                                                           ObjectProvider<EventSerializer> serializers,
                                                           ObjectProvider<EventTypeRegistry> registries,
                                                           ObjectProvider<Module> jacksonModules) {
        EventSourcingComponents components = new EventSourcingComponents(streams, routers, serializers, registries,
                jacksonModules);
        NotificationProperties.Webhook webhook = properties.getWebhook();
        return new NotificationReceiver(listeners, components::serializer, webhook.getRecentIdsCapacity(),
                webhook.getDuplicateWait());
    }

    @Bean
    RouterFunction<ServerResponse> eventsourcingNotificationWebhook(NotificationReceiver receiver,
                                                                    NotificationProperties properties) {
        NotificationProperties.Webhook webhook = properties.getWebhook();
        if (webhook.getSecret() == null || webhook.getSecret().isBlank()) {
            throw new IllegalStateException("eventsourcing.notifications.webhook.enabled=true needs "
                    + "eventsourcing.notifications.webhook.secret: without it anyone could post notifications");
        }
        return new EventGridWebhook(receiver, webhook.getSecret(), webhook.getSecretParameter(),
                webhook.getSecretHeader(), webhook.getMaxBodyBytes()).routes(webhook.getPath());
    }
}
