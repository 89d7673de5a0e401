package io.github.eventsourcing.azure.autoconfigure.observation;

import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.EventStoreDecorator;
import io.github.eventsourcing.azure.notification.NotificationPublisher;
import io.github.eventsourcing.azure.observation.ClassificationObservationConvention;
import io.github.eventsourcing.azure.observation.EventStoreObservationConvention;
import io.github.eventsourcing.azure.observation.NotificationPublishObservationConvention;
import io.github.eventsourcing.azure.observation.ProjectionObservationConvention;
import io.github.eventsourcing.azure.observation.internal.ObservedEventStore;
import io.github.eventsourcing.azure.observation.internal.ObservedNotificationPublisher;
import io.github.eventsourcing.azure.observation.internal.ObservedProjections;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Observes every call to the configured event stores, every projection and classification, and every batch of
 * change notifications published (see
 * {@link io.github.eventsourcing.azure.observation.EventSourcingObservation}), when Micrometer's
 * {@link ObservationRegistry} is there, unless {@code eventsourcing.observation.enabled=false}. Conventions declared
 * as beans replace the default names and keys.
 */
@AutoConfiguration(after = EventSourcingAutoConfiguration.class,
        afterName = "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "eventsourcing.observation.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EventSourcingObservationProperties.class)
public final class EventSourcingObservationAutoConfiguration {

    /** Wraps each store the configured router creates. */
    @Bean
    EventStoreDecorator eventStoreObservationDecorator(ObservationRegistry registry,
                                                       ObjectProvider<EventStoreObservationConvention> convention) {
        return store -> ObservedEventStore.of(store, registry, convention.getIfUnique());
    }

    /** Wraps the {@link NotificationPublisher} bean (Event Grid, or the application's own). */
    @Bean
    static BeanPostProcessor notificationPublisherObservationPostProcessor(
            ObjectProvider<ObservationRegistry> registry,
            ObjectProvider<NotificationPublishObservationConvention> convention) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof NotificationPublisher publisher && !(bean instanceof ObservedNotificationPublisher)) {
                    return new ObservedNotificationPublisher(publisher, registry.getObject(), convention.getIfUnique());
                }
                return bean;
            }
        };
    }

    /**
     * Wraps the {@link Projections} bean. A post-processor rather than a bean of its own, so that an application's
     * own {@code Projections} bean is observed too and injection by type keeps finding exactly one.
     */
    @Bean
    static BeanPostProcessor projectionsObservationPostProcessor(
            ObjectProvider<ObservationRegistry> registry, ObjectProvider<EventStoreRouter> router,
            ObjectProvider<ProjectionObservationConvention> projectionConvention,
            ObjectProvider<ClassificationObservationConvention> classificationConvention) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof Projections projections && !(bean instanceof ObservedProjections)) {
                    // The router is looked up on first use: it may not exist yet when the projections are created.
                    EventStoreRouter backends = type -> router.getObject().storeFor(type);
                    return new ObservedProjections(projections, backends, registry.getObject(),
                            projectionConvention.getIfUnique(), classificationConvention.getIfUnique());
                }
                return bean;
            }
        };
    }
}
