package io.github.eventsourcing.azure.observation;

import io.github.eventsourcing.azure.core.EventStoreRouter;
import io.github.eventsourcing.azure.observation.EventStoreObservationContext.Operation;
import io.github.eventsourcing.azure.spi.AppendRequest;
import io.github.eventsourcing.azure.spi.EventSink;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.SnapshotStore;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.StreamId;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An {@link EventStore} that makes an {@code eventsourcing.store} observation of every call to the store it wraps
 * (see {@link EventSourcingObservation#STORE_OPERATION}). A store that also keeps snapshots stays a
 * {@link SnapshotStore} when wrapped, so projections keep using its snapshots.
 */
public class ObservedEventStore implements EventStore {

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
     * The store, observed.
     *
     * @param customConvention replaces the default names and keys; null for the default
     */
    public static ObservedEventStore of(EventStore store, ObservationRegistry registry,
                                        EventStoreObservationConvention customConvention) {
        if (store instanceof ObservedEventStore observed) {
            return observed;
        }
        return store instanceof SnapshotStore
                ? new WithSnapshots(store, registry, customConvention)
                : new ObservedEventStore(store, registry, customConvention);
    }

    /**
     * A router whose stores are observed. Each store is wrapped once, so the router keeps answering the same
     * instance for the same store.
     */
    public static EventStoreRouter observing(EventStoreRouter router, ObservationRegistry registry,
                                             EventStoreObservationConvention customConvention) {
        Map<EventStore, ObservedEventStore> wrapped = new ConcurrentHashMap<>();
        return type -> {
            EventStore store = router.storeFor(type);
            return store instanceof ObservedEventStore ? store
                    : wrapped.computeIfAbsent(store, plain -> of(plain, registry, customConvention));
        };
    }

    /** The store this one observes. */
    public EventStore delegate() {
        return delegate;
    }

    @Override
    public String backendName() {
        return delegate.backendName();
    }

    @Override
    public long version(StreamId id) {
        return observation(Operation.VERSION, id.type(), id.instanceKey()).observe(() -> delegate.version(id));
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
    public boolean delete(StreamId id) {
        return observation(Operation.DELETE, id.type(), id.instanceKey()).observe(() -> delegate.delete(id));
    }

    @Override
    public void forEachInstanceKey(StreamId.StreamType type, Consumer<String> action) {
        observation(Operation.INSTANCE_KEYS, type, null).observe(() -> delegate.forEachInstanceKey(type, action));
    }

    private Observation observation(Operation operation, StreamId.StreamType type, String instanceKey) {
        return observation(context(operation, type, instanceKey));
    }

    private EventStoreObservationContext context(Operation operation, StreamId.StreamType type, String instanceKey) {
        return new EventStoreObservationContext(operation, type, instanceKey, delegate.backendName());
    }

    private Observation observation(EventStoreObservationContext context) {
        Supplier<EventStoreObservationContext> supplier = () -> context;
        return EventSourcingObservation.STORE_OPERATION.observation(customConvention, DEFAULT_CONVENTION, supplier,
                registry);
    }

    @Override
    public String toString() {
        return "observed " + delegate;
    }

    /** The observed form of a store that also keeps snapshots; snapshot calls pass straight through. */
    private static final class WithSnapshots extends ObservedEventStore implements SnapshotStore {

        private final SnapshotStore snapshots;

        WithSnapshots(EventStore delegate, ObservationRegistry registry, EventStoreObservationConvention convention) {
            super(delegate, registry, convention);
            this.snapshots = (SnapshotStore) delegate;
        }

        @Override
        public Optional<StoredSnapshot> loadSnapshot(StreamId id, String snapshotKey) {
            return snapshots.loadSnapshot(id, snapshotKey);
        }

        @Override
        public void saveSnapshot(StreamId id, String snapshotKey, StoredSnapshot snapshot) {
            snapshots.saveSnapshot(id, snapshotKey, snapshot);
        }
    }
}
