package io.github.eventsourcing.azure.autoconfigure;

import io.github.eventsourcing.azure.concurrent.internal.EventSourcingExecutors;
import io.github.eventsourcing.azure.concurrent.internal.EventSourcingExecutorsConfiguration;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventsourcing.azure.deadletter.internal.DeadLetterKind;
import io.github.eventsourcing.azure.deadletter.internal.StoredDeadLetters;
import io.github.eventsourcing.azure.deadletter.DeadLetters;
import io.github.eventsourcing.azure.projection.ProjectionListener;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.projection.internal.DefaultProjections;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreFactory;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.EventStoreLimits;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.EventUpcaster;
import io.github.eventsourcing.azure.stream.UnknownEventTypeException;
import io.github.eventsourcing.azure.stream.internal.AppendOutcomeCheck;
import io.github.eventsourcing.azure.stream.internal.DefaultEventStreams;
import io.github.eventsourcing.azure.stream.internal.EventSerializer;
import io.github.eventsourcing.azure.stream.internal.EventTypeRegistry;
import io.github.eventsourcing.azure.stream.internal.NewStreamKeys;
import io.github.eventsourcing.azure.stream.internal.StorageObjectMapper;
import io.github.eventsourcing.azure.stream.internal.StreamChangeListener;
import io.github.eventsourcing.azure.stream.internal.StreamVersions;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The backend-independent core of event sourcing: the storage JSON mapper, the event types, the limits, the router that
 * picks each domain/entity's store, the {@link EventStreams} entry point and the {@link Projections}. Each bean backs
 * off when the application defines its own.
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class)
@EnableConfigurationProperties(EventSourcingProperties.class)
@Import(EventSourcingExecutorsConfiguration.class)
public final class EventSourcingAutoConfiguration {

    /**
     * The name of the {@link ObjectMapper} that writes and reads stored events. It is not the application's mapper
     * (it is no default candidate for injection by type), so that {@code spring.jackson.*} never changes stored JSON.
     * To replace it, define a bean of this name.
     */
    public static final String STORAGE_OBJECT_MAPPER_BEAN_NAME = "eventsourcingStorageObjectMapper";

    @Bean(name = STORAGE_OBJECT_MAPPER_BEAN_NAME, defaultCandidate = false)
    @ConditionalOnMissingBean(name = STORAGE_OBJECT_MAPPER_BEAN_NAME)
    ObjectMapper eventsourcingStorageObjectMapper(ObjectProvider<Module> applicationModules) {
        // The application's Jackson modules (its custom types), but none of its mapper settings.
        return StorageObjectMapper.create(applicationModules.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean
    EventTypeRegistry eventTypeRegistry(EventSourcingProperties properties, BeanFactory beanFactory,
                                        Environment environment, ResourceLoader resourceLoader,
                                        ObjectProvider<EventUpcaster> upcasters) {
        List<String> packages = new ArrayList<>();
        if (AutoConfigurationPackages.has(beanFactory)) {
            packages.addAll(AutoConfigurationPackages.get(beanFactory));
        }
        packages.addAll(properties.getEventTypePackages());
        try {
            return new EventTypeRegistry(new EventTypeScanner(environment, resourceLoader).scan(packages),
                    upcasters.orderedStream().toList());
        } catch (UnknownEventTypeException | IllegalStateException e) {
            throw new InvalidEventSourcingConfigurationException("The event types in " + packages
                    + " cannot be registered: " + e.getMessage() + ".",
                    "Give every event class its own @EventName business name, and every stored (name, version) one "
                            + "EventUpcaster bean.");
        }
    }

    @Bean
    @ConditionalOnMissingBean
    EventSerializer eventSerializer(@Qualifier(STORAGE_OBJECT_MAPPER_BEAN_NAME) ObjectMapper storageObjectMapper,
                                    EventTypeRegistry eventTypes) {
        return new EventSerializer(storageObjectMapper, eventTypes);
    }

    @Bean
    @ConditionalOnMissingBean
    EventStoreLimits eventStoreLimits(EventSourcingProperties properties) {
        return EventStoreLimitsBinder.toLimits(properties.getLimits());
    }

    @Bean
    @ConditionalOnMissingBean(EventStoreRouter.class)
    ConfiguredEventStoreRouter eventStoreRouter(EventSourcingProperties properties, Environment environment,
                                                ObjectProvider<EventStoreFactory> factories,
                                                ObjectProvider<EventStoreDecorator> decorators) {
        UnbracketedRuleKeys.reject(environment);
        return new ConfiguredEventStoreRouter(properties, factories.orderedStream().toList(),
                decorators.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean(EventStreams.class)
    DefaultEventStreams eventStreams(EventStoreRouter router, EventSerializer serializer, EventStoreLimits limits,
                                     ObjectProvider<Clock> clock, ObjectProvider<StreamChangeListener> listeners,
                                     EventSourcingProperties properties) {
        return new DefaultEventStreams(router, serializer, limits, clock.getIfUnique(Clock::systemUTC),
                listeners.orderedStream().toList(),
                NewStreamKeys.allowingInvisibleCharacters(properties.getKeys().isAllowInvisibleCharacters()),
                streamVersions(properties.getAppends()), outcomeCheck(properties.getAppends().getOutcomeCheckTimeout()));
    }

    private static StreamVersions streamVersions(EventSourcingProperties.Appends appends) {
        int size = appends.getVersionCacheSize();
        if (size < 0) {
            throw new InvalidEventSourcingConfigurationException("eventsourcing.appends.version-cache-size is " + size
                    + "; it is a number of streams and cannot be negative.",
                    "Set eventsourcing.appends.version-cache-size to 0 (no cache) or more, or remove it to keep the "
                            + "versions of up to " + StreamVersions.DEFAULT_SIZE + " streams.");
        }
        return new StreamVersions(size);
    }

    private static AppendOutcomeCheck outcomeCheck(Duration timeout) {
        try {
            return new AppendOutcomeCheck(timeout);
        } catch (IllegalArgumentException e) {
            throw InvalidEventSourcingConfigurationException.refusedValue("eventsourcing.appends.outcome-check-timeout",
                    String.valueOf(timeout), e,
                    "Set it to 0 or more, e.g. 30s (0 reports an unknown outcome at once).");
        }
    }

    /**
     * The dead-letter record over the stores of the router's routes and the store beans; each kind's rules
     * ({@link DeadLetterKind} beans: notifications, commands) come with the feature that files them.
     */
    @Bean
    @ConditionalOnMissingBean(DeadLetters.class)
    StoredDeadLetters eventsourcingDeadLetters(EventStoreRouter router, ObjectProvider<EventStore> stores,
                                               ObjectProvider<DeadLetterKind> kinds) {
        return new StoredDeadLetters(Stream.concat(stores.orderedStream(), router.routes().stream()
                .map(route -> router.storeFor(route.streamType()))).toList(), () -> kinds.orderedStream().toList());
    }

    @Bean
    SnapshotWriting eventSourcingSnapshotWriting(EventSourcingExecutors executors) {
        return new SnapshotWriting(executors);
    }

    /**
     * Built from the beans of their own types, never from the {@link EventStreams} bean's class: an application's own
     * event streams (say, one decorating the auto-configured bean) keep snapshots and projection listeners.
     */
    @Bean
    @ConditionalOnMissingBean
    Projections projections(EventStreams streams, EventStoreRouter router, EventSerializer serializer,
                            ObjectProvider<ProjectionListener> listeners, SnapshotWriting snapshotWriting) {
        return new DefaultProjections(streams, router, serializer, listeners.orderedStream().toList(),
                snapshotWriting.executor());
    }
}
