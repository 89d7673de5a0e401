package io.github.eventsourcing.azure.test.parcels;

import io.github.eventsourcing.azure.autoconfigure.ConfiguredEventStoreRouter;
import io.github.eventsourcing.azure.spi.EventStoreRouter.Route;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.test.parcels.ParcelApplication.ParcelWeighed;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.InMemoryEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.TableEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.AppendBlobEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.test.autoconfigure.InMemoryEventStreamsTestAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("eventsourcing.test.in-memory")
class InMemoryEventStreamsPropertyTests {

    private static final StreamId.StreamType PARCEL = new StreamId.StreamType("Shipping", "Parcel");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class,
                    InMemoryEventStoreAutoConfiguration.class, TableEventStoreAutoConfiguration.class,
                    AppendBlobEventStoreAutoConfiguration.class, InMemoryEventStreamsTestAutoConfiguration.class))
            .withPropertyValues(
                    "eventsourcing.streams.[Shipping.Parcel].backend=table",
                    "eventsourcing.streams.[Shipping.ALL].backend=append-blob",
                    "eventsourcing.streams.[Shipping.ALL].connection=archive",
                    "eventsourcing.connections.default.connection-string=not a connection string",
                    "eventsourcing.connections.archive.account-name=nosuchaccount");

    @Test
    @DisplayName("serves every rule from one in-memory store, keeping the rule keys, and creates no Azure client")
    void overridesEveryRule() {
        runner.withPropertyValues("eventsourcing.test.in-memory=true").run(context -> {
            assertThat(context).hasNotFailed();
            ConfiguredEventStoreRouter router = context.getBean(ConfiguredEventStoreRouter.class);
            assertThat(router.route(PARCEL)).contains(new Route("Shipping.Parcel", "in-memory", null));
            assertThat(router.route(new StreamId.StreamType("Shipping", "Crate")))
                    .contains(new Route("Shipping.ALL", "in-memory", null));
            assertThat(router.covers(new StreamId.StreamType("Billing", "Invoice"))).isFalse();
            assertThat(router.storeFor(PARCEL)).isSameAs(router.storeFor(new StreamId.StreamType("Shipping", "Crate")));

            EventStreams streams = context.getBean(EventStreams.class);
            streams.stream("Shipping", "Parcel", "P-1").append(new ParcelWeighed(900));
            assertThat(streams.stream("Shipping", "Parcel", "P-1").read()).hasSize(1);
        });
    }

    @Test
    @DisplayName("without it, the same configuration fails the start on its connection string")
    void withoutIt() {
        runner.run(context -> assertThat(context.getStartupFailure())
                .hasRootCauseInstanceOf(io.github.eventsourcing.azure.autoconfigure.InvalidEventSourcingConfigurationException.class)
                .rootCause().hasMessageContaining("eventsourcing.connections.default"));
    }

    @Test
    @DisplayName("assumes ALL.ALL when no rule is configured")
    void noRules() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class,
                        InMemoryEventStoreAutoConfiguration.class, InMemoryEventStreamsTestAutoConfiguration.class))
                .withPropertyValues("eventsourcing.test.in-memory=true")
                .run(context -> assertThat(context.getBean(ConfiguredEventStoreRouter.class).route(PARCEL))
                        .contains(new Route("ALL.ALL", "in-memory", null)));
    }
}
