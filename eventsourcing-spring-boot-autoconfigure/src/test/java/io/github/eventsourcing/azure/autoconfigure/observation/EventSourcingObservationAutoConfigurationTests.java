package io.github.eventsourcing.azure.autoconfigure.observation;

import io.github.eventsourcing.azure.autoconfigure.ConfiguredEventStoreRouter;
import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.InMemoryEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.notification.DeletedEntityNotification;
import io.github.eventsourcing.azure.notification.Notification;
import io.github.eventsourcing.azure.notification.NotificationPublisher;
import io.github.eventsourcing.azure.observation.DefaultEventStoreObservationConvention;
import io.github.eventsourcing.azure.observation.EventStoreObservationConvention;
import io.github.eventsourcing.azure.observation.internal.ObservedEventStore;
import io.github.eventsourcing.azure.observation.internal.ObservedNotificationPublisher;
import io.github.eventsourcing.azure.observation.internal.ObservedProjections;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Instant;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("EventSourcingObservationAutoConfiguration")
class EventSourcingObservationAutoConfigurationTests {

    @EventName("Parcel Weighed")
    record ParcelWeighed(int grams) {
    }

    static class Weight {
        int grams;

        @EventHandler
        void on(ParcelWeighed event) {
            grams = event.grams();
        }
    }

    private static final StreamId PARCEL = StreamId.of("Shipping", "Parcel", "P-1");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class,
                    InMemoryEventStoreAutoConfiguration.class, EventSourcingObservationAutoConfiguration.class))
            .withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=in-memory");

    @Configuration(proxyBeanMethods = false)
    static class WithRegistry {
        @Bean
        TestObservationRegistry observationRegistry() {
            return TestObservationRegistry.create();
        }
    }

    @Test
    @DisplayName("observes appends, reads and projections made through the auto-configured beans")
    void observes() {
        runner.withUserConfiguration(WithRegistry.class).run(context -> {
            TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
            context.getBean(EventStreams.class).stream(PARCEL).append(new ParcelWeighed(1200));
            assertThat(context.getBean(Projections.class).project(PARCEL, Weight.class).state().grams).isEqualTo(1200);

            assertThat(registry)
                    .hasAnObservation(o -> o.hasNameEqualTo("eventsourcing.store")
                            .hasLowCardinalityKeyValue("eventsourcing.operation", "append")
                            .hasLowCardinalityKeyValue("eventsourcing.backend", "in-memory")
                            .hasLowCardinalityKeyValue("eventsourcing.domain", "Shipping"))
                    .hasAnObservation(o -> o.hasNameEqualTo("eventsourcing.projection")
                            .hasLowCardinalityKeyValue("eventsourcing.projection", "Weight")
                            .hasLowCardinalityKeyValue("eventsourcing.backend", "in-memory"))
                    .hasAnObservation(o -> o.hasNameEqualTo("eventsourcing.store")
                            .hasLowCardinalityKeyValue("eventsourcing.operation", "read")
                            .hasParentObservationContextMatching(parent ->
                                    ((Observation.ContextView) parent).getName().equals("eventsourcing.projection")));
        });
    }

    @Test
    @DisplayName("wraps the router's stores and the Projections bean, keeping the store's snapshots")
    void wraps() {
        runner.withUserConfiguration(WithRegistry.class).run(context -> {
            EventStore store = context.getBean(ConfiguredEventStoreRouter.class).storeFor(PARCEL.type());
            assertThat(ObservedEventStore.isObserved(store)).isTrue();
            assertThat(store.snapshots()).isPresent();
            assertThat(store.healthProbe()).isPresent();
            assertThat(context).getBean(Projections.class).isInstanceOf(ObservedProjections.class);
        });
    }

    @Test
    @DisplayName("wraps the application's NotificationPublisher, so publishing is observed too")
    void wrapsNotificationPublisher() {
        java.util.List<Notification> sent = new java.util.ArrayList<>();
        runner.withUserConfiguration(WithRegistry.class)
                .withBean(NotificationPublisher.class, () -> sent::addAll)
                .run(context -> {
                    NotificationPublisher publisher = context.getBean(NotificationPublisher.class);
                    assertThat(publisher).isInstanceOf(ObservedNotificationPublisher.class);
                    publisher.publish(java.util.List.of(new DeletedEntityNotification("d-1", PARCEL, Instant.EPOCH, 1)));
                    assertThat(sent).hasSize(1);
                    assertThat(context.getBean(TestObservationRegistry.class))
                            .hasObservationWithNameEqualTo("eventsourcing.notification.publish");
                });
    }

    @Test
    @DisplayName("uses a convention bean in place of the default names")
    void customConvention() {
        runner.withUserConfiguration(WithRegistry.class)
                .withBean(EventStoreObservationConvention.class, () -> new DefaultEventStoreObservationConvention() {
                    @Override
                    public String getName() {
                        return "shipping.storage";
                    }
                })
                .run(context -> {
                    context.getBean(EventStreams.class).stream(PARCEL).version();
                    assertThat(context.getBean(TestObservationRegistry.class))
                            .hasObservationWithNameEqualTo("shipping.storage");
                });
    }

    @Test
    @DisplayName("observes nothing without an ObservationRegistry, or when switched off")
    void backsOff() {
        runner.run(context -> {
            assertThat(ObservedEventStore.isObserved(context.getBean(ConfiguredEventStoreRouter.class)
                    .storeFor(PARCEL.type()))).isFalse();
            assertThat(context).getBean(Projections.class).isNotInstanceOf(ObservedProjections.class);
        });
        runner.withUserConfiguration(WithRegistry.class)
                .withPropertyValues("eventsourcing.observation.enabled=false")
                .run(context -> {
                    context.getBean(EventStreams.class).stream(PARCEL).append(new ParcelWeighed(1));
                    assertThat(context.getBean(TestObservationRegistry.class)).doesNotHaveAnyObservation();
                    assertThat(context).getBean(Projections.class).isNotInstanceOf(ObservedProjections.class);
                });
    }

    @Test
    @DisplayName("keeps streams working with a registry that is switched off (ObservationRegistry.NOOP)")
    void noopRegistry() {
        runner.withBean(ObservationRegistry.class, () -> ObservationRegistry.NOOP).run(context -> {
            context.getBean(EventStreams.class).stream(PARCEL).append(new ParcelWeighed(1));
            assertThat(context.getBean(EventStreams.class).stream(PARCEL).read()).hasSize(1);
        });
    }
}
