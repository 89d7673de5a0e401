package io.github.eventsourcing.azure.notification.internal;

import io.github.eventsourcing.azure.deadletter.internal.StoredDeadLetters;
import io.github.eventsourcing.azure.deadletter.DeadLetters;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.EventStoreLimits;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.internal.DefaultEventStreams;
import io.github.eventsourcing.azure.stream.internal.EventSerializer;
import io.github.eventsourcing.azure.stream.internal.EventTypeRegistry;
import io.github.eventsourcing.azure.stream.internal.StorageObjectMapper;
import io.github.eventsourcing.azure.test.eventgrid.EventGridClients;
import io.github.eventsourcing.azure.test.eventgrid.EventGridStub;

import java.time.Clock;
import java.util.List;

/**
 * One application instance for the notification tests, wired as the auto-configuration wires it: its own store
 * object, event streams, notifier, started dispatcher (polling the store's feed from the start, filing dead letters in
 * the store) and dead letters, publishing with the real Event Grid client to a local topic.
 */
final class NotifyingApp implements AutoCloseable {

    final EventStore store;
    final NotificationDispatcher dispatcher;
    final BestEffortPublisher bestEffort;
    final DeadLetters deadLetters;
    final EventStreams streams;

    NotifyingApp(EventStore store, EventGridStub topic, NotificationDispatcher.Settings settings,
                 List<Class<?>> eventTypes) {
        this.store = store;
        EventGridNotificationPublisher publisher = EventGridNotificationPublisher.eventGridSchema(
                EventGridClients.eventGridSas(topic), 1_000_000);
        dispatcher = new NotificationDispatcher(publisher, NotificationSwitches.defaults(), settings,
                Clock.systemUTC());
        dispatcher.register(store.changeFeed().orElseThrow(), store.deadLetters().orElseThrow());
        deadLetters = new StoredDeadLetters(List.of(store),
                () -> List.of(new NotificationDeadLetters(List.of(store), dispatcher)));
        dispatcher.start();
        bestEffort = new BestEffortPublisher(publisher, 100);
        bestEffort.start();
        EventStoreRouter router = EventStoreRouter.single(store);
        streams = new DefaultEventStreams(router, new EventSerializer(StorageObjectMapper.create(),
                new EventTypeRegistry(eventTypes, List.of())), EventStoreLimits.DEFAULT, Clock.systemUTC(),
                List.of(new StreamNotifier(router::storeFor, dispatcher, bestEffort, NotificationSwitches.defaults(),
                        Clock.systemUTC())));
    }

    EventStream account(String key) {
        return streams.stream("Bank", "Account", key);
    }

    @Override
    public void close() {
        dispatcher.close();
        bestEffort.close();
    }
}
