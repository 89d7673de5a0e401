package io.github.eventsourcing.azure.autoconfigure.replaced;

import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.actuate.EventSourcingHealthAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.notification.NotificationAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.web.EventSourcingWebMvcAutoConfiguration;
import io.github.eventsourcing.azure.notification.NewEntityNotification;
import io.github.eventsourcing.azure.notification.NewEventNotification;
import io.github.eventsourcing.azure.notification.Notification;
import io.github.eventsourcing.azure.notification.NotificationPublisher;
import io.github.eventsourcing.azure.projection.ClassificationResult;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionName;
import io.github.eventsourcing.azure.projection.ProjectionOptions;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.projection.Snapshots;
import io.github.eventsourcing.azure.samplebackend.MapEventStore;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreFactory;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.spi.HealthProbe;
import io.github.eventsourcing.azure.spi.SnapshotStore;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.StreamId.StreamType;
import io.github.eventsourcing.azure.testing.FixedStoreFactory;
import io.github.eventsourcing.azure.testing.ForwardingEventStore;
import io.github.eventsourcing.azure.web.InvalidStreamBindingException;
import io.github.eventsourcing.azure.web.StreamOf;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README promises that {@link EventStreams}, the {@link EventStoreRouter} and {@link Projections} can be replaced.
 * Each is replaced here by a decorator of the auto-configured bean (what an application does to log, meter or guard
 * calls), and snapshots, notifications, health and the start-up check of controller bindings must keep working: the
 * rest of the wiring takes nothing from the beans' classes.
 */
@DisplayName("A replaced bean keeps every feature working")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReplacedBeansTests {

    private static final StreamId PARCEL = StreamId.of("Shipping", "Parcel", "P-1");

    @Nested
    @DisplayName("EventStreams, decorated")
    class DecoratedEventStreams extends FeaturesKept {
        DecoratedEventStreams() {
            super(DecoratingEventStreams.class, EventStreams.class, CountingEventStreams.class);
        }
    }

    @Nested
    @DisplayName("EventStoreRouter, decorated")
    class DecoratedRouter extends FeaturesKept {
        DecoratedRouter() {
            super(DecoratingRouter.class, EventStoreRouter.class, CountingRouter.class);
        }
    }

    @Nested
    @DisplayName("Projections, decorated")
    class DecoratedProjections extends FeaturesKept {
        DecoratedProjections() {
            super(DecoratingProjections.class, Projections.class, CountingProjections.class);
        }
    }

    /** The four features, with one bean decorated. */
    abstract static class FeaturesKept {

        private final WebApplicationContextRunner runner;
        private final Class<?> decoratedType;
        private final Class<? extends Counting> decoratorType;

        FeaturesKept(Class<?> decoration, Class<?> decoratedType, Class<? extends Counting> decoratorType) {
            this.runner = new WebApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class,
                            NotificationAutoConfiguration.class, EventSourcingHealthAutoConfiguration.class,
                            EventSourcingWebMvcAutoConfiguration.class, WebMvcAutoConfiguration.class,
                            HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class))
                    .withUserConfiguration(ShippingApplication.class, decoration)
                    .withPropertyValues("eventsourcing.streams.[Shipping.ALL].backend=" + TestBackend.NAME,
                            "eventsourcing.notifications.enabled=true");
            this.decoratedType = decoratedType;
            this.decoratorType = decoratorType;
        }

        @Test
        @DisplayName("snapshots are still written")
        void snapshots() {
            runner.run(context -> {
                shipTwice(context);

                assertThat(context.getBean(Projections.class).project(PARCEL, ShippedCount.class).state().count)
                        .isEqualTo(2);

                TestBackend backend = context.getBean(TestBackend.class);
                assertThat(backend.savedSnapshots.poll(5, TimeUnit.SECONDS)).startsWith("Shipped count");
                assertThat(backend.snapshots().orElseThrow().loadSnapshot(PARCEL,
                        backend.savedKeys.get(0)).orElseThrow().sequence()).isEqualTo(2);
                assertDecoratorUsed(context);
            });
        }

        @Test
        @DisplayName("notifications of writes are still published")
        void notifications() {
            runner.run(context -> {
                shipTwice(context);
                context.getBean(Projections.class).project(PARCEL, ShippedCount.class);

                RecordingPublisher publisher = context.getBean(RecordingPublisher.class);
                await().atMost(Duration.ofSeconds(10)).until(() -> publisher.published.stream()
                        .filter(NewEventNotification.class::isInstance).count() == 2);
                assertThat(publisher.published).filteredOn(NewEntityNotification.class::isInstance)
                        .extracting(n -> ((NewEntityNotification) n).streamId()).containsExactly(PARCEL);
                assertThat(publisher.published).filteredOn(NewEventNotification.class::isInstance)
                        .extracting(n -> ((NewEventNotification) n).sequence()).containsExactly(1L, 2L);
                assertDecoratorUsed(context);
            });
        }

        @Test
        @DisplayName("health still probes the stores, UP while they answer and DOWN when they fail")
        void health() {
            runner.run(context -> {
                HealthIndicator storage = (HealthIndicator) context.getBean("eventsourcingHealthContributor",
                        CompositeHealthContributor.class).getContributor("storage");
                Health up = storage.health();
                assertThat(up.getStatus()).isEqualTo(Status.UP);
                assertThat(up.getDetails()).containsKey(TestBackend.NAME);
                @SuppressWarnings("unchecked")
                Map<String, Object> details = (Map<String, Object>) up.getDetails().get(TestBackend.NAME);
                assertThat(details)
                        .containsEntry("rules", List.of("Shipping.ALL")).containsEntry("probed", "yes");

                context.getBean(TestBackend.class).reachable.set(false);

                Health down = storage.health();
                assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                assertThat(down.getDetails().get(TestBackend.NAME).toString()).contains("storage unreachable");
                assertThat(context.getBean(decoratedType)).isInstanceOf(decoratorType);
            });
        }

        @Test
        @DisplayName("a controller binding no rule covers still fails the start")
        void bindingChecks() {
            runner.withUserConfiguration(LoanController.class).run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).isInstanceOf(InvalidStreamBindingException.class)
                        .hasMessageContaining("no eventsourcing.streams rule covers Lending.Loan");
            });
            runner.withUserConfiguration(ParcelController.class)
                    .run(context -> assertThat(context).hasNotFailed());
        }

        private static void shipTwice(AssertableWebApplicationContext context) {
            EventStream stream = context.getBean(EventStreams.class).stream(PARCEL);
            stream.append(new ParcelShipped("P-1"));
            stream.append(new ParcelShipped("P-1"));
        }

        private void assertDecoratorUsed(AssertableWebApplicationContext context) {
            assertThat(context.getBean(decoratedType)).isInstanceOf(decoratorType);
            assertThat(((Counting) context.getBean(decoratedType)).calls()).isPositive();
        }
    }

    // ---- the application: an event, a projection with snapshots, a backend of its own, a publisher of its own

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage
    static class ShippingApplication {

        @Bean
        TestBackend testBackend() {
            return new TestBackend();
        }

        @Bean
        EventStoreFactory testBackendFactory(TestBackend backend) {
            return new FixedStoreFactory(TestBackend.NAME, backend);
        }

        @Bean
        RecordingPublisher recordingPublisher() {
            return new RecordingPublisher();
        }
    }

    @EventName("Parcel Shipped (replaced beans)")
    record ParcelShipped(String parcel) {
    }

    @Snapshots(every = 2)
    @ProjectionName("Shipped count")
    static class ShippedCount {
        int count;

        @EventHandler
        void on(ParcelShipped shipped) {
            count++;
        }
    }

    @RestController
    static class LoanController {
        @PostMapping("/loans/{id}")
        void open(@StreamOf(domain = "Lending", entity = "Loan", key = "{id}") EventStream loan) {
        }
    }

    @RestController
    static class ParcelController {
        @PostMapping("/parcels/{id}")
        void ship(@StreamOf(domain = "Shipping", entity = "Parcel", key = "{id}") EventStream parcel) {
        }
    }

    /** The sample backend, declaring snapshots it records and a health probe that can be made to fail. */
    static final class TestBackend extends ForwardingEventStore {
        static final String NAME = "test-backend";

        final BlockingQueue<String> savedSnapshots = new LinkedBlockingQueue<>();
        final List<String> savedKeys = new CopyOnWriteArrayList<>();
        final AtomicBoolean reachable = new AtomicBoolean(true);
        private final SnapshotStore snapshots;

        TestBackend() {
            this(new MapEventStore());
        }

        private TestBackend(MapEventStore store) {
            super(store);
            this.snapshots = new SnapshotStore() {
                @Override
                public Optional<StoredSnapshot> loadSnapshot(StreamId id, String snapshotKey) {
                    return store.loadSnapshot(id, snapshotKey);
                }

                @Override
                public void saveSnapshot(StreamId id, String snapshotKey, StoredSnapshot snapshot) {
                    store.saveSnapshot(id, snapshotKey, snapshot);
                    savedKeys.add(snapshotKey);
                    savedSnapshots.add(snapshotKey);
                }
            };
        }

        @Override
        public String backendName() {
            return NAME;
        }

        @Override
        public Optional<SnapshotStore> snapshots() {
            return Optional.of(snapshots);
        }

        @Override
        public Optional<HealthProbe> healthProbe() {
            return Optional.of(timeout -> {
                if (!reachable.get()) {
                    throw new IllegalStateException("storage unreachable");
                }
                return Map.of("probed", "yes");
            });
        }
    }

    static final class RecordingPublisher implements NotificationPublisher {
        final List<Notification> published = new CopyOnWriteArrayList<>();

        @Override
        public void publish(List<? extends Notification> notifications) {
            published.addAll(notifications);
        }
    }

    // ---- the decorators, as an application would write them: each forwards every method of its interface

    interface Counting {
        int calls();
    }

    /** Replaces the bean of the type with a decorator of it, as an application decorates an auto-configured bean. */
    private static <T> BeanPostProcessor decorating(Class<T> type, Function<T, ? extends T> decorator) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return type.isInstance(bean) && !(bean instanceof Counting) ? decorator.apply(type.cast(bean)) : bean;
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    static class DecoratingEventStreams {
        @Bean
        static BeanPostProcessor decorateEventStreams() {
            return decorating(EventStreams.class, CountingEventStreams::new);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class DecoratingRouter {
        @Bean
        static BeanPostProcessor decorateRouter() {
            return decorating(EventStoreRouter.class, CountingRouter::new);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class DecoratingProjections {
        @Bean
        static BeanPostProcessor decorateProjections() {
            return decorating(Projections.class, CountingProjections::new);
        }
    }

    static final class CountingEventStreams implements EventStreams, Counting {
        private final EventStreams delegate;
        private final AtomicInteger calls = new AtomicInteger();

        CountingEventStreams(EventStreams delegate) {
            this.delegate = delegate;
        }

        @Override
        public int calls() {
            return calls.get();
        }

        @Override
        public EventStream stream(StreamId id) {
            calls.incrementAndGet();
            return delegate.stream(id);
        }

        @Override
        public void forEachInstanceKey(StreamType type, Consumer<String> action) {
            calls.incrementAndGet();
            delegate.forEachInstanceKey(type, action);
        }
    }

    static final class CountingRouter implements EventStoreRouter, Counting {
        private final EventStoreRouter delegate;
        private final AtomicInteger calls = new AtomicInteger();

        CountingRouter(EventStoreRouter delegate) {
            this.delegate = delegate;
        }

        @Override
        public int calls() {
            return calls.get();
        }

        @Override
        public EventStore storeFor(StreamType type) {
            calls.incrementAndGet();
            return delegate.storeFor(type);
        }

        @Override
        public boolean covers(StreamType type) {
            return delegate.covers(type);
        }

        @Override
        public Optional<Route> route(StreamType type) {
            return delegate.route(type);
        }

        @Override
        public List<Route> routes() {
            return delegate.routes();
        }
    }

    static final class CountingProjections implements Projections, Counting {
        private final Projections delegate;
        private final AtomicInteger calls = new AtomicInteger();

        CountingProjections(Projections delegate) {
            this.delegate = delegate;
        }

        @Override
        public int calls() {
            return calls.get();
        }

        @Override
        public <S> ProjectionResult<S> project(StreamId id, Class<S> projection, ProjectionOptions options) {
            calls.incrementAndGet();
            return delegate.project(id, projection, options);
        }

        @Override
        public <C> ClassificationResult<C> classify(StreamId id, Class<C> classification, Map<String, ?> parameters,
                                                    ProjectionOptions options) {
            calls.incrementAndGet();
            return delegate.classify(id, classification, parameters, options);
        }

        @Override
        public <C> ClassificationResult<C> classify(ClassificationResult<C> previous, Map<String, ?> parameters) {
            calls.incrementAndGet();
            return delegate.classify(previous, parameters);
        }

        @Override
        public List<String> instanceKeysIncludedBy(StreamType type, Class<?> classification,
                                                   Map<String, ?> parameters) {
            calls.incrementAndGet();
            return delegate.instanceKeysIncludedBy(type, classification, parameters);
        }
    }
}
