package io.github.eventsourcing.azure.autoconfigure.notification;

import com.azure.core.credential.AzureKeyCredential;
import com.azure.core.credential.AzureSasCredential;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.HttpClientOptions;
import com.azure.messaging.eventgrid.EventGridPublisherClientBuilder;
import com.fasterxml.jackson.databind.Module;
import io.github.eventsourcing.azure.autoconfigure.EventSourcingProperties;
import io.github.eventsourcing.azure.autoconfigure.InvalidEventSourcingConfigurationException;
import io.github.eventsourcing.azure.concurrent.internal.EventSourcingExecutors;
import io.github.eventsourcing.azure.concurrent.internal.EventSourcingExecutorsConfiguration;
import io.github.eventsourcing.azure.deadletter.DeadLetters;
import io.github.eventsourcing.azure.notification.NotificationPublisher;
import io.github.eventsourcing.azure.notification.internal.BestEffortPublisher;
import io.github.eventsourcing.azure.notification.internal.EventGridNotificationPublisher;
import io.github.eventsourcing.azure.notification.internal.NotificationDeadLetters;
import io.github.eventsourcing.azure.notification.internal.NotificationDispatcher;
import io.github.eventsourcing.azure.notification.internal.NotificationSwitches;
import io.github.eventsourcing.azure.notification.internal.ProjectionNotifier;
import io.github.eventsourcing.azure.notification.internal.StreamNotifier;
import io.github.eventsourcing.azure.readmodel.ReadModel;
import io.github.eventsourcing.azure.spi.ChangeFeed;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.internal.EventSerializer;
import io.github.eventsourcing.azure.stream.internal.EventTypeRegistry;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Publishes change notifications of the application's event streams to Azure Event Grid, when
 * {@code eventsourcing.notifications.enabled=true}. Its dispatcher also runs when only read models are declared
 * ({@link ReadModel} beans), which are kept up to date in its pass over each changed stream: it then publishes nothing
 * (every notification switched off) and only moves the streams' marks.
 *
 * <p>The Event Grid client: {@code eventsourcing.notifications.event-grid.endpoint} with a {@code key}, a
 * {@code sas-token} or the application's Azure {@link TokenCredential} bean; or, without an endpoint there,
 * spring-cloud-azure's client builder ({@code spring.cloud.azure.eventgrid.*}). A {@link NotificationPublisher} bean
 * of the application's own replaces Event Grid altogether.
 */
@AutoConfiguration(afterName = {
        "com.azure.spring.cloud.autoconfigure.implementation.eventgrid.AzureEventGridAutoConfiguration",
        "com.azure.spring.cloud.autoconfigure.implementation.context.AzureTokenCredentialAutoConfiguration"})
@ConditionalOnClass(EventGridPublisherClientBuilder.class)
@Conditional(NotificationAutoConfiguration.NotificationsOrReadModels.class)
@EnableConfigurationProperties(NotificationProperties.class)
@Import(EventSourcingExecutorsConfiguration.class)
public class NotificationAutoConfiguration {

    private static final String EVENT_GRID = "eventsourcing.notifications.event-grid";

    /** Notifications are switched on, or read models need the dispatcher's pass (or both). */
    static final class NotificationsOrReadModels extends AnyNestedCondition {

        NotificationsOrReadModels() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(prefix = "eventsourcing.notifications", name = "enabled", havingValue = "true")
        static final class NotificationsEnabled {
        }

        @ConditionalOnBean(ReadModel.class)
        static final class ReadModelsDeclared {
        }
    }

    /** With notifications off (read models only), nothing is published: every notification is switched off. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "eventsourcing.notifications", name = "enabled", havingValue = "false",
            matchIfMissing = true)
    NotificationPublisher eventsourcingNoNotificationPublisher() {
        return notifications -> {
            throw new IllegalStateException("Notifications are switched off (eventsourcing.notifications.enabled)");
        };
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "eventsourcing.notifications", name = "enabled", havingValue = "true")
    NotificationPublisher eventsourcingNotificationPublisher(NotificationProperties properties,
                                                             ObjectProvider<EventGridPublisherClientBuilder> springCloudAzure,
                                                             ObjectProvider<TokenCredential> credentials,
                                                             ObjectProvider<NotificationClientCustomizer> customizers,
                                                             ListableBeanFactory beans) {
        NotificationProperties.EventGrid eventGrid = properties.getEventGrid();
        EventGridPublisherClientBuilder builder;
        if (hasText(eventGrid.getEndpoint())) {
            builder = new EventGridPublisherClientBuilder().endpoint(eventGrid.getEndpoint())
                    .retryOptions(new RetryOptions(new ExponentialBackoffOptions()
                            .setMaxRetries(eventGrid.getMaxRetries())))
                    .httpClient(HttpClient.createDefault(new HttpClientOptions()
                            .setResponseTimeout(eventGrid.getTimeout())));
            if (hasText(eventGrid.getKey())) {
                builder.credential(new AzureKeyCredential(eventGrid.getKey()));
            } else if (hasText(eventGrid.getSasToken())) {
                builder.credential(new AzureSasCredential(eventGrid.getSasToken()));
            } else {
                TokenCredential credential = credentials.getIfUnique();
                if (credential == null) {
                    throw noCredential(eventGrid.getEndpoint(), beans.getBeanNamesForType(TokenCredential.class));
                }
                builder.credential(credential);
            }
        } else {
            builder = springCloudAzure.getIfUnique();
            if (builder == null) {
                throw noTopic();
            }
        }
        EventGridPublisherClientBuilder configured = builder;
        customizers.orderedStream().forEach(customizer -> customizer.customize(configured));
        return EventGridNotificationPublisher.create(configured, eventGrid.getSchema(), eventGrid.getMaxRequestBytes());
    }

    @Bean
    @ConditionalOnMissingBean
    NotificationSwitches eventsourcingNotificationSwitches(NotificationProperties properties,
                                                           ObjectProvider<EventSourcingProperties> storage) {
        if (!properties.isEnabled()) {
            return NotificationSwitches.none();
        }
        return properties.switches(storage.getIfAvailable(EventSourcingProperties::new).getStreams().keySet());
    }

    /**
     * Created stopped: the context starts it, as a {@link org.springframework.context.SmartLifecycle}, once it is
     * refreshed (and stops it at close, before the stores it reads from are destroyed).
     */
    @Bean(destroyMethod = "close")
    NotificationDispatcher eventsourcingNotificationDispatcher(NotificationPublisher publisher,
                                                               NotificationSwitches switches,
                                                               NotificationProperties properties,
                                                               ObjectProvider<ChangeFeed> feeds,
                                                               ObjectProvider<EventStore> stores,
                                                               ObjectProvider<EventStoreRouter> routers,
                                                               EventSourcingExecutors executors) {
        NotificationDispatcher dispatcher = new NotificationDispatcher(publisher, switches,
                dispatchSettings(properties.getDispatch()), Clock.systemUTC(), executors);
        // Feeds to poll from the start, so that a restarted application publishes what it left unpublished: the
        // durable stores of the router's routes, durable store beans and declared feeds. Any other store registers
        // its feed with the first write the notifier sees.
        feeds.orderedStream().forEach(dispatcher::register);
        durableStores(stores, routers).forEach(store -> store.changeFeed().ifPresent(feed -> store.deadLetters()
                .ifPresentOrElse(deadLetters -> dispatcher.register(feed, deadLetters),
                        () -> dispatcher.register(feed))));
        return dispatcher;
    }

    /** The rules of notification dead letters, for the {@link DeadLetters} bean. */
    @Bean
    NotificationDeadLetters eventsourcingNotificationDeadLetters(NotificationDispatcher dispatcher,
                                                     ObjectProvider<EventStore> stores,
                                                     ObjectProvider<EventStoreRouter> routers) {
        return new NotificationDeadLetters(durableStores(stores, routers), dispatcher);
    }

    /** The store beans and the stores of the routers' routes that keep a change feed. */
    private static List<EventStore> durableStores(ObjectProvider<EventStore> stores,
                                                  ObjectProvider<EventStoreRouter> routers) {
        return Stream.concat(stores.orderedStream(), routers.orderedStream().flatMap(router -> router.routes().stream()
                        .map(route -> router.storeFor(route.streamType()))))
                .filter(store -> store.changeFeed().isPresent()).distinct().toList();
    }

    /** Like the dispatcher, a lifecycle bean that publishes nothing before the context is refreshed. */
    @Bean(destroyMethod = "close")
    BestEffortPublisher eventsourcingBestEffortNotificationPublisher(NotificationPublisher publisher,
                                                                     NotificationProperties properties,
                                                                     EventSourcingExecutors executors) {
        return new BestEffortPublisher(publisher, properties.getDispatch().getBestEffortQueueCapacity(), executors);
    }

    @Bean
    EventSourcingComponents eventsourcingNotificationComponents(ObjectProvider<EventStoreRouter> routers,
                                                                ObjectProvider<EventSerializer> serializers,
                                                                ObjectProvider<EventTypeRegistry> registries,
                                                                ObjectProvider<Module> jacksonModules) {
        return new EventSourcingComponents(routers, serializers, registries, jacksonModules);
    }

    /** Picked up by the event streams as a {@link io.github.eventsourcing.azure.stream.internal.StreamChangeListener}. */
    @Bean
    StreamNotifier eventsourcingStreamNotifier(EventSourcingComponents components, NotificationDispatcher dispatcher,
                                               BestEffortPublisher bestEffort, NotificationSwitches switches) {
        return new StreamNotifier(components.stores(), dispatcher, bestEffort, switches, Clock.systemUTC());
    }

    /** Picked up by the projections as a {@link io.github.eventsourcing.azure.projection.ProjectionListener}. */
    @Bean
    ProjectionNotifier eventsourcingProjectionNotifier(EventSourcingComponents components,
                                                       BestEffortPublisher bestEffort, NotificationSwitches switches) {
        return new ProjectionNotifier(bestEffort, switches, () -> components.serializer().mapper(), Clock.systemUTC());
    }

    private static InvalidEventSourcingConfigurationException noTopic() {
        return new InvalidEventSourcingConfigurationException("eventsourcing.notifications.enabled is true, but no "
                + "Event Grid topic is configured to publish the notifications to.",
                "Set " + EVENT_GRID + ".endpoint to the topic's endpoint (e.g. "
                        + "https://<topic>.<region>-1.eventgrid.azure.net/api/events) and " + EVENT_GRID + ".key to one of "
                        + "its access keys (or " + EVENT_GRID + ".sas-token; with neither, the application's Azure "
                        + "TokenCredential authenticates). Or set spring.cloud.azure.eventgrid.endpoint to use "
                        + "spring-cloud-azure's Event Grid client, declare a NotificationPublisher bean of your own, or "
                        + "set eventsourcing.notifications.enabled=false.");
    }

    /** Names the endpoint (a URL without secrets), never a key. */
    private static InvalidEventSourcingConfigurationException noCredential(String endpoint, String[] credentialBeans) {
        String keyOrToken = "Set " + EVENT_GRID + ".key to one of the topic's access keys, or " + EVENT_GRID
                + ".sas-token to a SAS token of the topic";
        String what = EVENT_GRID + ".endpoint is " + endpoint + ", but neither " + EVENT_GRID + ".key nor "
                + EVENT_GRID + ".sas-token is set, and the application has ";
        if (credentialBeans.length == 0) {
            return new InvalidEventSourcingConfigurationException(what + "no TokenCredential bean to authenticate with "
                    + "Microsoft Entra ID.",
                    keyOrToken + ". Or add com.azure.spring:spring-cloud-azure-starter (the eventsourcing starter "
                            + "brings it) for the credential configured by spring.cloud.azure.credential.* (e.g. "
                            + "managed-identity-enabled=true), or declare a TokenCredential bean.");
        }
        return new InvalidEventSourcingConfigurationException(what + "several TokenCredential beans ("
                + String.join(", ", Arrays.stream(credentialBeans).sorted().toList()) + "), none of them @Primary.",
                keyOrToken + ". Or mark the TokenCredential bean to authenticate with as @Primary.");
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    private static NotificationDispatcher.Settings dispatchSettings(NotificationProperties.Dispatch dispatch) {
        try {
            return new NotificationDispatcher.Settings(dispatch.getPollInterval(), dispatch.getPollMinAge(),
                    dispatch.getInitialBackoff(), dispatch.getMaxBackoff(), dispatch.getBatchSize(),
                    dispatch.getThreads(), dispatch.getMaxQueuedStreams(), dispatch.getMaxAttempts(),
                    dispatch.getMaxTopicPause(), dispatch.getSweepInterval());
        } catch (IllegalArgumentException | NullPointerException invalid) {
            String prefix = "eventsourcing.notifications.dispatch.";
            throw new InvalidEventSourcingConfigurationException("The notification dispatch settings are not usable: "
                    + invalid.getMessage() + " (" + prefix + "poll-interval=" + dispatch.getPollInterval()
                    + ", sweep-interval=" + dispatch.getSweepInterval()
                    + ", initial-backoff=" + dispatch.getInitialBackoff() + ", max-backoff=" + dispatch.getMaxBackoff()
                    + ", batch-size=" + dispatch.getBatchSize() + ", threads=" + dispatch.getThreads()
                    + ", max-queued-streams=" + dispatch.getMaxQueuedStreams() + ", max-attempts="
                    + dispatch.getMaxAttempts() + ", max-topic-pause=" + dispatch.getMaxTopicPause() + ").",
                    "Set " + prefix + "poll-interval, " + prefix + "sweep-interval and " + prefix
                            + "max-topic-pause to positive durations, "
                            + prefix + "max-backoff to at least " + prefix + "initial-backoff, and " + prefix
                            + "batch-size, .threads, .max-queued-streams and .max-attempts to 1 or more; or remove "
                            + "them for the defaults.");
        }
    }
}
