package io.github.eventsourcing.azure.autoconfigure.notification;

import com.fasterxml.jackson.databind.Module;
import io.github.eventsourcing.azure.autoconfigure.InvalidEventSourcingConfigurationException;
import io.github.eventsourcing.azure.notification.internal.EventGridWebhook;
import io.github.eventsourcing.azure.notification.internal.NotificationListeners;
import io.github.eventsourcing.azure.notification.internal.NotificationReceiver;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.internal.EventSerializer;
import io.github.eventsourcing.azure.stream.internal.EventTypeRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

import java.util.ArrayList;
import java.util.List;

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

    private static final String WEBHOOK = "eventsourcing.notifications.webhook";

    /** Static: a bean post processor, created before the other beans it inspects. */
    @Bean
    static NotificationListeners eventsourcingNotificationListeners() {
        return new NotificationListeners();
    }

    @Bean
    NotificationReceiver eventsourcingNotificationReceiver(NotificationListeners listeners,
                                                           NotificationProperties properties,
                                                           ObjectProvider<EventStoreRouter> routers,
                                                           ObjectProvider<EventSerializer> serializers,
                                                           ObjectProvider<EventTypeRegistry> registries,
                                                           ObjectProvider<Module> jacksonModules) {
        EventSourcingComponents components = new EventSourcingComponents(routers, serializers, registries,
                jacksonModules);
        NotificationProperties.Webhook webhook = properties.getWebhook();
        return new NotificationReceiver(listeners, components::serializer, webhook.getRecentIdsCapacity(),
                webhook.getDuplicateWait());
    }

    @Bean
    RouterFunction<ServerResponse> eventsourcingNotificationWebhook(NotificationReceiver receiver,
                                                                    NotificationProperties properties) {
        NotificationProperties.Webhook webhook = properties.getWebhook();
        if (isBlank(webhook.getSecretParameter()) && isBlank(webhook.getSecretHeader())) {
            throw new InvalidEventSourcingConfigurationException(WEBHOOK + ".secret-parameter and " + WEBHOOK
                    + ".secret-header are both empty, so a delivery has no way to carry the webhook's secret.",
                    "Remove the empty " + WEBHOOK + ".secret-parameter to carry the secret in the subscription's URL "
                            + "(?code=<secret>), or set " + WEBHOOK + ".secret-header to the delivery header that "
                            + "carries it.");
        }
        if (isBlank(webhook.getSecret())) {
            throw noSecret(webhook);
        }
        return new EventGridWebhook(receiver, webhook.getSecret(), webhook.getSecretParameter(),
                webhook.getSecretHeader(), webhook.getMaxBodyBytes()).routes(webhook.getPath());
    }

    private static InvalidEventSourcingConfigurationException noSecret(NotificationProperties.Webhook webhook) {
        List<String> carriers = new ArrayList<>();
        if (!isBlank(webhook.getSecretParameter())) {
            carriers.add("in the subscription's endpoint URL, https://<host>" + webhook.getPath() + "?"
                    + webhook.getSecretParameter() + "=<secret>");
        }
        if (!isBlank(webhook.getSecretHeader())) {
            carriers.add("as the subscription's delivery header " + webhook.getSecretHeader());
        }
        return new InvalidEventSourcingConfigurationException(WEBHOOK + ".enabled is true, but " + WEBHOOK
                + ".secret is not set: without it anyone who can reach " + webhook.getPath() + " could post "
                + "notifications to the application's listeners.",
                "Set " + WEBHOOK + ".secret to a long random value (from an environment variable or a secret store, "
                        + "not from the source code), and give it to Event Grid " + String.join(", or ", carriers)
                        + ". Or set " + WEBHOOK + ".enabled=false.");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
