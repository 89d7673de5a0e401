package io.github.eventsourcing.azure.storedformat;

import io.github.eventsourcing.azure.notification.internal.EventGridNotificationPublisher;
import io.github.eventsourcing.azure.notification.internal.NotificationDispatcher;
import io.github.eventsourcing.azure.notification.internal.NotificationSwitches;
import io.github.eventsourcing.azure.projection.internal.DefaultProjections;
import io.github.eventsourcing.azure.spi.ChangeFeed;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.EventStoreLimits;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.internal.DefaultEventStreams;
import io.github.eventsourcing.azure.stream.internal.EventSerializer;
import io.github.eventsourcing.azure.stream.internal.EventTypeRegistry;
import io.github.eventsourcing.azure.stream.internal.StorageObjectMapper;
import io.github.eventsourcing.azure.test.eventgrid.DeliveredNotifications;
import io.github.eventsourcing.azure.test.eventgrid.DeliveredNotifications.Delivered;
import io.github.eventsourcing.azure.test.eventgrid.EventGridClients;
import io.github.eventsourcing.azure.test.eventgrid.EventGridStub;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/** The library over one store as an application wires it: event streams, projections and a notification dispatcher. */
final class FixtureApp {

    static final String DOMAIN = "Fixture";
    static final String ENTITY = "Account";

    private static final NotificationDispatcher.Settings FAST = new NotificationDispatcher.Settings(
            Duration.ofMillis(200), Duration.ZERO, Duration.ofMillis(20), Duration.ofMillis(250), 100, 1, 10_000);

    final EventStore store;
    final DefaultEventStreams streams;
    final DefaultProjections projections;

    FixtureApp(EventStore store) {
        this.store = store;
        this.streams = new DefaultEventStreams(EventStoreRouter.single(store), new EventSerializer(
                StorageObjectMapper.create(), new EventTypeRegistry(
                        List.of(FixtureEvents.AccountOpened.class, FixtureEvents.MoneyDeposited.class), List.of())),
                EventStoreLimits.DEFAULT, Clock.systemUTC(), List.of());
        // Snapshots are written on the calling thread, so they are stored when a fold returns.
        this.projections = new DefaultProjections(streams, List.of(), Runnable::run);
    }

    EventStream account(String key) {
        return streams.stream(DOMAIN, ENTITY, key);
    }

    /**
     * Runs a notification dispatcher against the store until nothing is pending, and returns what the endpoint
     * received, in order, each notification id once (delivery is at least once: a repeat carries the same id).
     */
    List<Delivered> publishPending(EventGridStub endpoint) {
        ChangeFeed feed = store.changeFeed().orElseThrow();
        NotificationDispatcher dispatcher = new NotificationDispatcher(EventGridNotificationPublisher.eventGridSchema(
                EventGridClients.eventGridSas(endpoint), 1_000_000), NotificationSwitches.defaults(), FAST,
                Clock.systemUTC());
        dispatcher.register(feed);
        dispatcher.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> pendingStreams(feed) == 0);
        } finally {
            dispatcher.close();
        }
        Set<String> ids = new HashSet<>();
        return DeliveredNotifications.of(endpoint).stream().filter(delivered -> ids.add(delivered.id())).toList();
    }

    static int pendingStreams(ChangeFeed feed) {
        AtomicInteger pending = new AtomicInteger();
        feed.forEachPendingStream(null, id -> pending.incrementAndGet());
        return pending.get();
    }
}
