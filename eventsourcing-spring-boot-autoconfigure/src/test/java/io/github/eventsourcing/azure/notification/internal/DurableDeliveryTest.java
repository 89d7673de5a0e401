package io.github.eventsourcing.azure.notification.internal;

import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.github.eventsourcing.azure.blob.internal.AppendBlobEventStore;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.table.internal.TableEventStore;
import io.github.eventsourcing.azure.test.Azurite;
import io.github.eventsourcing.azure.test.eventgrid.DeliveredNotifications.Delivered;
import io.github.eventsourcing.azure.test.eventgrid.DeliveredNotifications;
import io.github.eventsourcing.azure.test.eventgrid.EventGridStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing lost for writes: a real backend on Azurite, the real SDK client, an Event Grid endpoint that fails for a
 * while (5xx, then unreachable, then back) and the application restarted in between. Every notification of every
 * write arrives at least once, and each stream's new-entity notification comes before its first event's.
 */
@DisplayName("Notifications of durable writes survive an Event Grid outage and a restart")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DurableDeliveryTest {

    @EventName("Account Opened")
    record AccountOpened(String owner) {
    }

    @EventName("Money Deposited")
    record MoneyDeposited(long cents) {
    }

    private static final NotificationDispatcher.Settings FAST = new NotificationDispatcher.Settings(
            Duration.ofMillis(300), Duration.ZERO, Duration.ofMillis(20), Duration.ofMillis(250), 100, 2, 10_000);

    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : running) {
            closeable.close();
        }
    }

    @Test
    @DisplayName("on the Table backend")
    void table() {
        String prefix = "dur" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        assertNothingLost(() -> new TableEventStore(new TableServiceClientBuilder()
                .connectionString(Azurite.get().connectionString()).buildClient(), prefix));
    }

    @Test
    @DisplayName("on the AppendBlob backend")
    void appendBlob() {
        String prefix = "dur" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        assertNothingLost(() -> new AppendBlobEventStore(new BlobServiceClientBuilder()
                .connectionString(Azurite.get().connectionString()).buildClient(), prefix));
    }

    /** One application instance: its own store object, event streams, notifier and dispatcher. */
    private NotifyingApp app(Supplier<EventStore> stores, EventGridStub endpoint) {
        NotifyingApp app = new NotifyingApp(stores.get(), endpoint, FAST,
                List.of(AccountOpened.class, MoneyDeposited.class));
        running.add(app);
        return app;
    }

    private void assertNothingLost(Supplier<EventStore> stores) {
        EventGridStub endpoint = EventGridStub.http();
        running.add(endpoint);

        // Healthy: three accounts, announced at once.
        NotifyingApp first = app(stores, endpoint);
        open(first, "S1", 2);
        open(first, "S2", 1);
        open(first, "S3", 2);
        await().until(() -> kindsOf(endpoint).size() == 3 + 5);

        // Event Grid answers 503: writes go on, nothing is announced.
        endpoint.answer(503);
        int failedBefore = endpoint.requests().size();
        first.account("S1").append(new MoneyDeposited(100));
        open(first, "S4", 2);
        first.account("S2").delete();
        open(first, "S5", 2);
        first.account("S5").delete();   // deleted before it could be announced
        first.account("S3").delete();
        open(first, "S3", 1);           // a new incarnation of S3
        await().until(() -> endpoint.requests().size() >= failedBefore + 3);

        // Then it is unreachable.
        endpoint.goAway();
        first.account("S4").append(new MoneyDeposited(5));
        open(first, "S6", 1);
        sleep(500);

        // The application stops with all of that unannounced, and comes back once Event Grid is back.
        first.close();
        assertThat(kindsOf(endpoint)).hasSize(3 + 5);
        endpoint.answer(200);
        endpoint.comeBack();
        app(stores, endpoint);

        Map<String, List<String>> expected = new TreeMap<>(Map.of(
                "S1", List.of("NewEntity", "NewEvent#1", "NewEvent#2", "NewEvent#3"),
                "S2", List.of("NewEntity", "NewEvent#1", "DeletedEntity(1)"),
                "S3", List.of("NewEntity", "NewEvent#1", "NewEvent#2", "DeletedEntity(2)", "NewEntity", "NewEvent#1"),
                "S4", List.of("NewEntity", "NewEvent#1", "NewEvent#2", "NewEvent#3"),
                // S5's events were erased by its deletion before they could be announced; its deletion says how many.
                "S5", List.of("DeletedEntity(2)"),
                "S6", List.of("NewEntity", "NewEvent#1")));
        await().atMost(Duration.ofSeconds(60)).until(() -> distinctKindsOf(endpoint).equals(sorted(expected)));

        List<Delivered> delivered = DeliveredNotifications.of(endpoint);
        int expectedIds = expected.values().stream().mapToInt(List::size).sum();
        assertThat(DeliveredNotifications.distinctIds(delivered)).hasSize(expectedIds);
        for (String key : expected.keySet()) {
            assertEveryFirstEventAfterItsCreation(delivered, key);
        }
    }

    private static void open(NotifyingApp app, String key, int deposits) {
        List<Object> events = new ArrayList<>();
        events.add(new AccountOpened(key));
        for (int i = 1; i < deposits; i++) {
            events.add(new MoneyDeposited(i));
        }
        app.account(key).append(events, io.github.eventsourcing.azure.stream.AppendOptions.DEFAULT);
    }

    /** Every delivered notification as "key kind", duplicates included. */
    private static List<String> kindsOf(EventGridStub endpoint) {
        return DeliveredNotifications.of(endpoint).stream().map(DurableDeliveryTest::describe).toList();
    }

    /** The distinct notifications delivered per stream, by id, each described by kind and sequence. */
    private static Map<String, List<String>> distinctKindsOf(EventGridStub endpoint) {
        Map<String, Delivered> byId = new TreeMap<>();
        DeliveredNotifications.of(endpoint).forEach(d -> byId.putIfAbsent(d.id(), d));
        return byId.values().stream().collect(Collectors.groupingBy(Delivered::instanceKey, TreeMap::new,
                Collectors.mapping(DurableDeliveryTest::describe,
                        Collectors.collectingAndThen(Collectors.toList(), list -> list.stream().sorted().toList()))));
    }

    private static Map<String, List<String>> sorted(Map<String, List<String>> expected) {
        Map<String, List<String>> sorted = new TreeMap<>();
        expected.forEach((key, kinds) -> sorted.put(key, kinds.stream().sorted().toList()));
        return sorted;
    }

    private static String describe(Delivered delivered) {
        return switch (delivered.kind()) {
            case "NewEvent" -> "NewEvent#" + delivered.sequence();
            case "DeletedEntity" -> "DeletedEntity(" + delivered.version() + ")";
            default -> delivered.kind();
        };
    }

    /**
     * Each event #1 of the stream was preceded, in the same or an earlier request, by a new-entity notification of
     * the same incarnation (its creation time is the first event's write time).
     */
    private static void assertEveryFirstEventAfterItsCreation(List<Delivered> delivered, String key) {
        Set<String> creationsSeen = new TreeSet<>();
        for (Delivered d : delivered) {
            if (!d.instanceKey().equals(key)) {
                continue;
            }
            if (d.kind().equals("NewEntity")) {
                creationsSeen.add(d.time());
            }
            if (d.kind().equals("NewEvent") && d.sequence() == 1) {
                assertThat(creationsSeen).as("the creation of %s at %s announced before its first event", key,
                        d.time()).contains(d.time());
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
