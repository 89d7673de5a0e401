package io.github.eventsourcing.azure.observation;

import io.github.eventsourcing.azure.core.EventStoreRouter;
import io.github.eventsourcing.azure.observation.EventStoreObservationContext.Operation;
import io.github.eventsourcing.azure.spi.AppendRequest;
import io.github.eventsourcing.azure.spi.EventSink;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.HealthProbe;
import io.github.eventsourcing.azure.spi.SnapshotStore;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.StreamId;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An {@link EventStore} that makes an {@code eventsourcing.store} observation of every call to the store it wraps
 * (see {@link EventSourcingObservation#STORE_OPERATION}). The wrapper keeps the store's optional capabilities: a store
 * that keeps snapshots stays a {@link SnapshotStore} (so projections keep using its snapshots), one that has a
 * {@link HealthProbe} keeps it (so the health indicator still probes it). Snapshot and probe calls are not observed.
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
        boolean snapshots = store instanceof SnapshotStore;
        boolean probe = store instanceof HealthProbe;
        if (snapshots && probe) {
            return new WithSnapshotsAndHealthProbe(store, registry, customConvention);
        }
        if (snapshots) {
            return new WithSnapshots(store, registry, customConvention);
        }
        return probe ? new WithHealthProbe(store, registry, customConvention)
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

    /** The observed form of a store that also keeps snapshots. */
    private static final class WithSnapshots extends ObservedEventStore implements SnapshotStore {

        WithSnapshots(EventStore delegate, ObservationRegistry registry, EventStoreObservationConvention convention) {
            super(delegate, registry, convention);
        }

        @Override
        public Optional<StoredSnapshot> loadSnapshot(StreamId id, String snapshotKey) {
            return ((SnapshotStore) delegate()).loadSnapshot(id, snapshotKey);
        }

        @Override
        public void saveSnapshot(StreamId id, String snapshotKey, StoredSnapshot snapshot) {
            ((SnapshotStore) delegate()).saveSnapshot(id, snapshotKey, snapshot);
        }
    }

    /** The observed form of a store that has a health probe. */
    private static final class WithHealthProbe extends ObservedEventStore implements HealthProbe {

        WithHealthProbe(EventStore delegate, ObservationRegistry registry, EventStoreObservationConvention convention) {
            super(delegate, registry, convention);
        }

        @Override
        public Map<String, Object> checkHealth(Duration timeout) {
            return ((HealthProbe) delegate()).checkHealth(timeout);
        }
    }

    /** The observed form of a store that keeps snapshots and has a health probe. */
    private static final class WithSnapshotsAndHealthProbe extends ObservedEventStore
            implements SnapshotStore, HealthProbe {

        WithSnapshotsAndHealthProbe(EventStore delegate, ObservationRegistry registry,
                                    EventStoreObservationConvention convention) {
            super(delegate, registry, convention);
        }

        @Override
        public Optional<StoredSnapshot> loadSnapshot(StreamId id, String snapshotKey) {
            return ((SnapshotStore) delegate()).loadSnapshot(id, snapshotKey);
        }

        @Override
        public void saveSnapshot(StreamId id, String snapshotKey, StoredSnapshot snapshot) {
            ((SnapshotStore) delegate()).saveSnapshot(id, snapshotKey, snapshot);
        }

        @Override
        public Map<String, Object> checkHealth(Duration timeout) {
            return ((HealthProbe) delegate()).checkHealth(timeout);
        }
    }
}
