package io.github.eventsourcing.azure.observation.internal;

import io.github.eventsourcing.azure.observation.DefaultEventStoreObservationConvention;
import io.github.eventsourcing.azure.observation.EventSourcingObservation;
import io.github.eventsourcing.azure.observation.EventStoreObservationContext;
import io.github.eventsourcing.azure.observation.EventStoreObservationContext.Operation;
import io.github.eventsourcing.azure.observation.EventStoreObservationConvention;
import io.github.eventsourcing.azure.spi.AppendRequest;
import io.github.eventsourcing.azure.spi.ChangeFeed;
import io.github.eventsourcing.azure.spi.DeadLetterStore;
import io.github.eventsourcing.azure.spi.EventSink;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.spi.HealthProbe;
import io.github.eventsourcing.azure.spi.ReadModelStore;
import io.github.eventsourcing.azure.spi.SnapshotStore;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.StreamId;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Wraps an {@link EventStore} so that every call of its streams is an {@code eventsourcing.store} observation (see
 * {@link EventSourcingObservation#STORE_OPERATION}). The store's declared capabilities (snapshots, change feed, health
 * probe) are handed on as they are, unobserved, so wrapping a store never switches one of them off.
 */
public final class ObservedEventStore implements EventStore {

    private static final EventStoreObservationConvention DEFAULT_CONVENTION = new DefaultEventStoreObservationConvention();

    private final EventStore delegate;
    private final ObservationRegistry registry;
    private final EventStoreObservationConvention customConvention;

    private ObservedEventStore(EventStore delegate, ObservationRegistry registry,
                               EventStoreObservationConvention customConvention) {
        this.delegate = delegate;
        this.registry = registry;
        this.customConvention = customConvention;
    }

    /**
     * The store, observed; the store itself when it is observed already.
     *
     * @param customConvention replaces the default names and keys; null for the default
     */
    public static EventStore of(EventStore store, ObservationRegistry registry,
                                EventStoreObservationConvention customConvention) {
        return isObserved(store) ? store : new ObservedEventStore(store, registry, customConvention);
    }

    /**
     * A router whose stores are observed. Each store is wrapped once, so the router keeps answering the same
     * instance for the same store.
     */
    public static EventStoreRouter observing(EventStoreRouter router, ObservationRegistry registry,
                                             EventStoreObservationConvention customConvention) {
        Map<EventStore, EventStore> wrapped = new ConcurrentHashMap<>();
        return new EventStoreRouter() {
            @Override
            public EventStore storeFor(StreamId.StreamType type) {
                EventStore store = router.storeFor(type);
                return isObserved(store) ? store
                        : wrapped.computeIfAbsent(store, plain -> of(plain, registry, customConvention));
            }

            @Override
            public boolean covers(StreamId.StreamType type) {
                return router.covers(type);
            }

            @Override
            public Optional<Route> route(StreamId.StreamType type) {
                return router.route(type);
            }

            @Override
            public List<Route> routes() {
                return router.routes();
            }
        };
    }

    /** Whether the store is a wrapper made by {@link #of}. */
    public static boolean isObserved(EventStore store) {
        return store instanceof ObservedEventStore;
    }

    /** The store a wrapper observes, or the store itself when it is no wrapper. */
    public static EventStore delegateOf(EventStore store) {
        return store instanceof ObservedEventStore observed ? observed.delegate : store;
    }

    @Override
    public String backendName() {
        return delegate.backendName();
    }

    @Override
    public long version(StreamId id) {
        return observation(context(Operation.VERSION, id.type(), id.instanceKey())).observe(() -> delegate.version(id));
    }

    @Override
    public AppendResult append(StreamId id, AppendRequest request) {
        EventStoreObservationContext context = context(Operation.APPEND, id.type(), id.instanceKey());
        context.events(request.events().size());
        return observation(context).observe(() -> delegate.append(id, request));
    }

    @Override
    public void read(StreamId id, long fromSequence, long toSequence, EventSink sink) {
        EventStoreObservationContext context = context(Operation.READ, id.type(), id.instanceKey());
        context.events(0);
        observation(context).observe(() -> delegate.read(id, fromSequence, toSequence, event -> {
            context.events(context.events() + 1);
            return sink.accept(event);
        }));
    }

    @Override
    public Optional<StoredEvent> findEvent(StreamId id, String eventId) {
        EventStoreObservationContext context = context(Operation.FIND_EVENT, id.type(), id.instanceKey());
        return observation(context).observe(() -> {
            Optional<StoredEvent> found = delegate.findEvent(id, eventId);
            context.events(found.isPresent() ? 1 : 0);
            return found;
        });
    }

    @Override
    public boolean delete(StreamId id) {
        return observation(context(Operation.DELETE, id.type(), id.instanceKey())).observe(() -> delegate.delete(id));
    }

    @Override
    public void forEachInstanceKey(StreamId.StreamType type, Consumer<String> action) {
        observation(context(Operation.INSTANCE_KEYS, type, null))
                .observe(() -> delegate.forEachInstanceKey(type, action));
    }

    @Override
    public Optional<SnapshotStore> snapshots() {
        return delegate.snapshots();
    }

    @Override
    public Optional<ChangeFeed> changeFeed() {
        return delegate.changeFeed();
    }

    @Override
    public Optional<ReadModelStore> readModelStore() {
        return delegate.readModelStore();
    }

    @Override
    public Optional<DeadLetterStore> deadLetters() {
        return delegate.deadLetters();
    }

    @Override
    public Optional<HealthProbe> healthProbe() {
        return delegate.healthProbe();
    }

    @Override
    public String toString() {
        return "observed " + delegate;
    }

    private EventStoreObservationContext context(Operation operation, StreamId.StreamType type, String instanceKey) {
        return new EventStoreObservationContext(operation, type, instanceKey, delegate.backendName());
    }

    private Observation observation(EventStoreObservationContext context) {
        Supplier<EventStoreObservationContext> supplier = () -> context;
        return EventSourcingObservation.STORE_OPERATION.observation(customConvention, DEFAULT_CONVENTION, supplier,
                registry);
    }
}
