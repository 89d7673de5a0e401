package io.github.eventsourcing.azure.autoconfigure;

import io.github.eventsourcing.azure.spi.EventStoreRouter.Route;
import io.github.eventsourcing.azure.memory.internal.InMemoryEventStore;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreFactory;
import io.github.eventsourcing.azure.spi.StorageConnection;
import io.github.eventsourcing.azure.stream.EventStoreException;
import io.github.eventsourcing.azure.stream.StreamId.StreamType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("ConfiguredEventStoreRouter")
class ConfiguredEventStoreRouterTests {

    private static final StreamType BANK_ACCOUNT = new StreamType("Bank", "Account");
    private static final StreamType BANK_LOAN = new StreamType("Bank", "Loan");
    private static final StreamType SHOP_ACCOUNT = new StreamType("Shop", "Account");
    private static final StreamType SHOP_ORDER = new StreamType("Shop", "Order");

    private final RecordingFactory table = new RecordingFactory("table");
    private final RecordingFactory blob = new RecordingFactory("append-blob");

    @Test
    @DisplayName("falls back from Domain.Entity to Domain.ALL to ALL.Entity to ALL.ALL")
    void fallsBackFromMostToLeastSpecific() {
        EventSourcingProperties properties = properties();
        rule(properties, "Bank.Account", "table", "a");
        rule(properties, "Bank.ALL", "table", "b");
        rule(properties, "ALL.Account", "table", "c");
        rule(properties, "ALL.ALL", "append-blob", "d");

        ConfiguredEventStoreRouter router = new ConfiguredEventStoreRouter(properties, List.of(table, blob));

        assertThat(router.route(BANK_ACCOUNT)).contains(new Route("Bank.Account", "table", "a"));
        assertThat(router.route(BANK_LOAN)).contains(new Route("Bank.ALL", "table", "b"));
        assertThat(router.route(SHOP_ACCOUNT)).contains(new Route("ALL.Account", "table", "c"));
        assertThat(router.route(SHOP_ORDER)).contains(new Route("ALL.ALL", "append-blob", "d"));
    }

    @Test
    @DisplayName("creates every store at start-up, once per backend and connection")
    void createsOneStorePerBackendAndConnection() {
        EventSourcingProperties properties = properties();
        rule(properties, "Bank.Account", "table", "a");
        rule(properties, "Bank.ALL", "table", "a");
        rule(properties, "ALL.Account", "append-blob", "a");
        rule(properties, "ALL.ALL", "table", "b");

        ConfiguredEventStoreRouter router = new ConfiguredEventStoreRouter(properties, List.of(table, blob));

        assertThat(table.created).containsExactlyInAnyOrder("a", "b");
        assertThat(blob.created).containsExactly("a");
        assertThat(router.storeFor(BANK_ACCOUNT)).isSameAs(router.storeFor(BANK_LOAN));
        assertThat(router.storeFor(BANK_ACCOUNT)).isNotSameAs(router.storeFor(SHOP_ACCOUNT))
                .isNotSameAs(router.storeFor(SHOP_ORDER));
    }

    @Test
    @DisplayName("uses the connection named 'default' when a rule names none")
    void defaultsTheConnection() {
        EventSourcingProperties properties = properties();
        EventSourcingProperties.StreamRule rule = new EventSourcingProperties.StreamRule();
        rule.setBackend("table");
        properties.getStreams().put("ALL.ALL", rule);
        properties.getConnections().put("default", new EventSourcingProperties.Connection());

        ConfiguredEventStoreRouter router = new ConfiguredEventStoreRouter(properties, List.of(table));

        assertThat(router.route(BANK_ACCOUNT)).contains(new Route("ALL.ALL", "table", "default"));
    }

    @Test
    @DisplayName("refuses a domain/entity no rule covers, naming the rules it tried")
    void refusesUncoveredTypes() {
        EventSourcingProperties properties = properties();
        rule(properties, "Bank.ALL", "table", "a");
        ConfiguredEventStoreRouter router = new ConfiguredEventStoreRouter(properties, List.of(table));

        assertThat(router.covers(SHOP_ORDER)).isFalse();
        assertThat(router.covers(BANK_LOAN)).isTrue();
        assertThatThrownBy(() -> router.storeFor(SHOP_ORDER)).isInstanceOf(EventStoreException.class)
                .hasMessageContaining("No eventsourcing.streams rule covers Shop.Order")
                .hasMessageContaining("tried Shop.Order, Shop.ALL, ALL.Order, ALL.ALL");
    }

    @Test
    @DisplayName("uses the application's factory instead of the built-in one of the same backend name")
    void applicationFactoryReplacesBuiltIn() {
        EventSourcingProperties properties = properties();
        rule(properties, "ALL.ALL", "in-memory", "a");
        RecordingFactory own = new RecordingFactory("in-memory");

        new ConfiguredEventStoreRouter(properties,
                List.of(new InMemoryEventStoreAutoConfiguration.InMemoryEventStoreFactory(), own));

        assertThat(own.created).containsExactly("a");
    }

    @Test
    @DisplayName("refuses two application factories that claim the same backend name")
    void refusesClashingFactories() {
        EventSourcingProperties properties = properties();
        rule(properties, "ALL.ALL", "table", "a");

        assertThatThrownBy(() -> new ConfiguredEventStoreRouter(properties, List.of(table, new RecordingFactory("table"))))
                .isInstanceOfSatisfying(InvalidEventSourcingConfigurationException.class, e -> {
                    assertThat(e.description()).startsWith("Two EventStoreFactory beans claim the backend 'table': ");
                    assertThat(e.action()).isEqualTo("Give each backend its own name (EventStoreFactory.backend()).");
                });
    }

    @Test
    @DisplayName("hands each factory the connection's values, and fails the start when the factory refuses them")
    void refusedConnection() {
        EventSourcingProperties properties = properties();
        rule(properties, "ALL.ALL", "own", "archive");
        properties.getConnections().get("archive").setAccountName("archiveaccount");
        RecordingFactory own = new RecordingFactory("own");

        new ConfiguredEventStoreRouter(properties, List.of(own));

        assertThat(own.connections).singleElement().satisfies(connection -> {
            assertThat(connection.name()).isEqualTo("archive");
            assertThat(connection.accountName()).isEqualTo("archiveaccount");
            assertThat(connection.maxRetries()).isEqualTo(3);
        });
        EventStoreFactory refusing = new RecordingFactory("own") {
            @Override
            public EventStore create(StorageConnection connection) {
                throw new IllegalArgumentException("it needs a queue endpoint");
            }
        };
        assertThatThrownBy(() -> new ConfiguredEventStoreRouter(properties, List.of(refusing)))
                .isInstanceOfSatisfying(InvalidEventSourcingConfigurationException.class, e -> {
                    assertThat(e.description()).isEqualTo("The backend 'own' cannot create its store on the "
                            + "connection 'archive': it needs a queue endpoint");
                    assertThat(e.action()).isEqualTo("Fix eventsourcing.connections.archive for the backend 'own', "
                            + "or store these streams with another backend.");
                });
    }

    private static EventSourcingProperties properties() {
        return new EventSourcingProperties();
    }

    private static void rule(EventSourcingProperties properties, String key, String backend, String connection) {
        EventSourcingProperties.StreamRule rule = new EventSourcingProperties.StreamRule();
        rule.setBackend(backend);
        rule.setConnection(connection);
        properties.getStreams().put(key, rule);
        properties.getConnections().putIfAbsent(connection, new EventSourcingProperties.Connection());
    }

    /** A backend whose stores live in memory and which remembers the connections it was asked for. */
    private static class RecordingFactory implements EventStoreFactory {

        private final String backend;
        private final List<String> created = new ArrayList<>();
        private final List<StorageConnection> connections = new ArrayList<>();

        RecordingFactory(String backend) {
            this.backend = backend;
        }

        @Override
        public String backend() {
            return backend;
        }

        @Override
        public EventStore create(StorageConnection connection) {
            created.add(connection.name());
            connections.add(connection);
            return new InMemoryEventStore();
        }
    }
}
