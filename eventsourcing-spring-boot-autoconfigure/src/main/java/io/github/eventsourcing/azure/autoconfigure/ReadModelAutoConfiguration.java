package io.github.eventsourcing.azure.autoconfigure;

import com.azure.data.tables.TableServiceClient;
import io.github.eventsourcing.azure.autoconfigure.notification.NotificationAutoConfiguration;
import io.github.eventsourcing.azure.concurrent.internal.EventSourcingExecutors;
import io.github.eventsourcing.azure.concurrent.internal.EventSourcingExecutorsConfiguration;
import io.github.eventsourcing.azure.deadletter.DeadLetters;
import io.github.eventsourcing.azure.notification.internal.NotificationDispatcher;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.readmodel.ReadModel;
import io.github.eventsourcing.azure.readmodel.ReadModels;
import io.github.eventsourcing.azure.readmodel.internal.DefaultReadModels;
import io.github.eventsourcing.azure.readmodel.internal.ReadModelCatchUp;
import io.github.eventsourcing.azure.readmodel.internal.ReadModelDeadLetters;
import io.github.eventsourcing.azure.readmodel.internal.ReadModelUpdater;
import io.github.eventsourcing.azure.readmodel.internal.ReadModelsHealthIndicator;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.spi.ReadModelStore;
import io.github.eventsourcing.azure.table.internal.TableReadModelStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the declared {@link ReadModel read models} up to date and answers {@link ReadModels} queries, when the
 * application declares at least one. Each model's rows live in the store of its streams when that store keeps rows
 * (Table, in-memory), else in the Table storage of {@code eventsourcing.read-models.connection}. A misdeclared model
 * fails the start with what to change.
 */
@AutoConfiguration(after = {EventSourcingAutoConfiguration.class, NotificationAutoConfiguration.class})
@ConditionalOnBean(ReadModel.class)
@EnableConfigurationProperties(ReadModelProperties.class)
@Import(EventSourcingExecutorsConfiguration.class)
public final class ReadModelAutoConfiguration {

    private static final String CONNECTION = "eventsourcing.read-models.connection";

    /** The rows of every declared model, in the store its streams' backend or the configured connection offers. */
    @Bean(destroyMethod = "close")
    ReadModelUpdater eventsourcingReadModelUpdater(ObjectProvider<ReadModel<?>> models, EventStoreRouter router,
                                                   ReadModelProperties properties,
                                                   ObjectProvider<EventSourcingProperties> storage,
                                                   ObjectProvider<Projections> projections,
                                                   ObjectProvider<NotificationDispatcher> dispatcher,
                                                   EventSourcingExecutors executors, ListableBeanFactory beans) {
        Map<String, ReadModel<?>> byName = new HashMap<>();
        Map<ReadModel<?>, ReadModelStore> rows = new LinkedHashMap<>();
        Map<String, ReadModelStore> configured = new ConcurrentHashMap<>(1);
        for (ReadModel<?> model : models.orderedStream().toList()) {
            ReadModel<?> other = byName.putIfAbsent(model.name(), model);
            if (other != null) {
                throw new InvalidEventSourcingConfigurationException("Two read models are named " + model.name() + ": "
                        + other + " and " + model + ".", "Give each ReadModel bean a name of its own (raise the "
                        + "version, not a second bean, to rebuild a model).");
            }
            if (!router.covers(model.source())) {
                throw new InvalidEventSourcingConfigurationException("Read model " + model.name() + " reads "
                        + model.source() + ", which no rule of eventsourcing.streams stores.",
                        "Add a rule for " + model.source().domain() + "." + model.source().entityType()
                                + " to eventsourcing.streams, or correct the read model's domain/entity.");
            }
            EventStore store = router.storeFor(model.source());
            ReadModelStore rowStore = store.readModelStore().orElseGet(() -> configured.computeIfAbsent("rows",
                    key -> configuredStore(model, store, properties, storage, beans)));
            rows.put(model, rowStore);
        }
        ReadModelUpdater updater;
        try {
            updater = new ReadModelUpdater(rows, refresh(properties), projections::getObject, router::storeFor,
                    executors.fixed("read-models-", 1), Clock.systemUTC());
        } catch (IllegalArgumentException tooManyColumns) {
            throw new InvalidEventSourcingConfigurationException(tooManyColumns.getMessage() + ".",
                    "Declare fewer columns on the read model.");
        }
        dispatcher.ifAvailable(found -> found.beforeMarking(updater));
        return updater;
    }

    private static Duration refresh(ReadModelProperties properties) {
        Duration refresh = properties.getRefreshInterval();
        if (refresh == null || refresh.isNegative() || refresh.isZero()) {
            throw InvalidEventSourcingConfigurationException.refusedValue("eventsourcing.read-models.refresh-interval",
                    String.valueOf(refresh), new IllegalArgumentException("must be positive"),
                    "Set it to a positive duration, e.g. 5s, or remove it for the default.");
        }
        return refresh;
    }

    /** Replays the generations being built (new models, rebuilds) at start and then every refresh interval. */
    @Bean
    ReadModelCatchUp eventsourcingReadModelCatchUp(ReadModelUpdater updater, ReadModelProperties properties,
                                                   EventSourcingExecutors executors) {
        return new ReadModelCatchUp(updater, refresh(properties), executors.scheduler("read-models-catch-up"));
    }

    private static ReadModelStore configuredStore(ReadModel<?> model, EventStore store, ReadModelProperties properties,
                                                  ObjectProvider<EventSourcingProperties> storage,
                                                  ListableBeanFactory beans) {
        String name = properties.getConnection();
        EventSourcingProperties.Connection connection = name == null ? null
                : storage.getIfAvailable(EventSourcingProperties::new).getConnections().get(name);
        if (connection == null) {
            throw new InvalidEventSourcingConfigurationException("Read model " + model.name() + " reads " + model.source()
                    + ", stored by "
                    + "the " + store.backendName() + " backend, which keeps no read model rows"
                    + (name == null ? ", and " + CONNECTION + " is not set." : ", and " + CONNECTION + " names "
                    + "connection " + name + ", which eventsourcing.connections does not have."),
                    "Set " + CONNECTION + " to the name of a connection (eventsourcing.connections.<name>) with a "
                            + "Table endpoint or connection string; the rows are kept in its table "
                            + properties.getTableNamePrefix() + "readmodels.");
        }
        TableServiceClient client = TableServiceClients.forConnection(connection.toStorageConnection(name), beans);
        return new TableReadModelStore(client, properties.getTableNamePrefix());
    }

    @Bean
    @ConditionalOnMissingBean(ReadModels.class)
    DefaultReadModels eventsourcingReadModels(ReadModelUpdater updater) {
        return new DefaultReadModels(updater);
    }

    /** The rules of read model dead letters, for the {@link io.github.eventsourcing.azure.deadletter.DeadLetters} bean. */
    @Bean
    ReadModelDeadLetters eventsourcingReadModelDeadLetters(ReadModelUpdater updater) {
        return new ReadModelDeadLetters(updater);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("readModels")
    static class ReadModelsHealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "readModelsHealthIndicator")
        ReadModelsHealthIndicator readModelsHealthIndicator(ReadModelUpdater updater,
                                                            ObjectProvider<DeadLetters> deadLetters) {
            return new ReadModelsHealthIndicator(updater, () -> deadLetters.stream()
                    .flatMap(letters -> letters.list(ReadModelUpdater.KIND).stream()).toList(), Clock.systemUTC());
        }
    }

    /**
     * Gauges, when the application has a {@link MeterRegistry}: {@value #LAG_METER} (seconds the oldest change this
     * instance knows of has waited for a read model, 0 when none) and {@value #HELD_METER} (read model dead letters
     * this instance holds streams behind).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class ReadModelMetricsConfiguration {

        static final String LAG_METER = "eventsourcing.readmodel.lag";
        static final String HELD_METER = "eventsourcing.readmodel.dead.letters";

        @Bean
        MeterBinder eventsourcingReadModelMeters(ReadModelUpdater updater) {
            Clock clock = Clock.systemUTC();
            return registry -> {
                Gauge.builder(LAG_METER, updater, rows -> rows.lag(clock).toNanos() / 1e9).baseUnit("seconds")
                        .description("How long the oldest change this instance knows of has waited for a read model")
                        .register(registry);
                Gauge.builder(HELD_METER, updater, ReadModelUpdater::heldStreams)
                        .description("Read model dead letters this instance holds streams behind").register(registry);
            };
        }
    }
}
