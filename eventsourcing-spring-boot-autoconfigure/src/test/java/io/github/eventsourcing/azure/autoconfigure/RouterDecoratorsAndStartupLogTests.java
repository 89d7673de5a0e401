package io.github.eventsourcing.azure.autoconfigure;

import io.github.eventsourcing.azure.autoconfigure.InMemoryEventStoreAutoConfiguration.InMemoryEventStoreFactory;
import io.github.eventsourcing.azure.memory.internal.InMemoryEventStore;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreFactory;
import io.github.eventsourcing.azure.spi.StorageConnection;
import io.github.eventsourcing.azure.stream.StreamId.StreamType;
import io.github.eventsourcing.azure.testing.ForwardingEventStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("ConfiguredEventStoreRouter's decorators and start-up log")
@ExtendWith(OutputCaptureExtension.class)
class RouterDecoratorsAndStartupLogTests {

    private static final StreamType BANK_ACCOUNT = new StreamType("Bank", "Account");
    private static final StreamType SHOP_ORDER = new StreamType("Shop", "Order");
    private static final String ACCOUNT_KEY = "c2VjcmV0LWtleS1ub3QtdG8tYmUtbG9nZ2Vk";

    @Test
    @DisplayName("applies the decorators in order, once to each store it creates, and routes to the decorated store")
    void decorates() {
        EventSourcingProperties properties = new EventSourcingProperties();
        rule(properties, "Bank.Account", "in-memory", null);
        rule(properties, "ALL.ALL", "in-memory", null);
        List<String> calls = new ArrayList<>();
        EventStoreDecorator first = store -> {
            calls.add("first");
            return new Labelled("first", store);
        };
        EventStoreDecorator second = store -> {
            calls.add("second(" + ((Labelled) store).label + ")");
            return new Labelled("second", store);
        };

        ConfiguredEventStoreRouter router = new ConfiguredEventStoreRouter(properties,
                List.of(new InMemoryEventStoreFactory()), List.of(first, second));

        assertThat(calls).containsExactly("first", "second(first)");
        assertThat(router.storeFor(BANK_ACCOUNT)).isInstanceOfSatisfying(Labelled.class, outer -> {
            assertThat(outer.label).isEqualTo("second");
            assertThat(((Labelled) outer.delegate()).delegate()).isInstanceOf(InMemoryEventStore.class);
        });
        assertThat(router.storeFor(SHOP_ORDER)).isSameAs(router.storeFor(BANK_ACCOUNT));
    }

    @Test
    @DisplayName("logs one line per rule naming its backend and connection, never the connection's secret")
    void logsEachRule(CapturedOutput output) {
        EventSourcingProperties properties = new EventSourcingProperties();
        rule(properties, "Bank.Account", "recording", "ledger");
        rule(properties, "ALL.ALL", "in-memory", null);
        properties.getConnections().get("ledger").setConnectionString("DefaultEndpointsProtocol=https;"
                + "AccountName=ledger;AccountKey=" + ACCOUNT_KEY + ";EndpointSuffix=core.windows.net");
        EventStoreFactory recording = new EventStoreFactory() {
            @Override
            public String backend() {
                return "recording";
            }

            @Override
            public EventStore create(StorageConnection connection) {
                return new InMemoryEventStore();
            }
        };

        new ConfiguredEventStoreRouter(properties, List.of(recording, new InMemoryEventStoreFactory()));

        assertThat(output.getOut())
                .contains("Event streams of Bank.Account are stored by backend 'recording' on connection 'ledger'")
                .contains("Event streams of ALL.ALL are stored by backend 'in-memory' (in this process only: nothing "
                        + "survives a restart)")
                .doesNotContain(ACCOUNT_KEY);
    }

    private static void rule(EventSourcingProperties properties, String key, String backend, String connection) {
        EventSourcingProperties.StreamRule rule = new EventSourcingProperties.StreamRule();
        rule.setBackend(backend);
        if (connection != null) {
            rule.setConnection(connection);
            properties.getConnections().putIfAbsent(connection, new EventSourcingProperties.Connection());
        }
        properties.getStreams().put(key, rule);
    }

    /** A decorator that only marks the store it wraps. */
    private static final class Labelled extends ForwardingEventStore {
        private final String label;

        Labelled(String label, EventStore delegate) {
            super(delegate);
            this.label = label;
        }
    }
}
