package io.github.eventsourcing.azure.observation.internal;

import io.github.eventsourcing.azure.observation.DefaultEventStoreObservationConvention;
import io.github.eventsourcing.azure.observation.EventSourcingObservation;
import io.github.eventsourcing.azure.observation.EventStoreObservationContext.Operation;
import io.github.eventsourcing.azure.observation.EventStoreObservationContext;
import io.github.eventsourcing.azure.observation.EventStoreObservationConvention;
import io.github.eventsourcing.azure.spi.AppendRequest;
import io.github.eventsourcing.azure.spi.EventSink;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.StreamId;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import java.util.function.Consumer;
import java.util.function.Supplier;

/** The observations of the {@link EventStore} methods; {@link ObservedEventStore} adds the store's other interfaces. */
final class ObservingEventStore implements EventStore {

    private static final EventStoreObservationConvention DEFAULT_CONVENTION = new DefaultEventStoreObservationConvention();

    private final EventStore delegate;
    private final ObservationRegistry registry;
    private final EventStoreObservationConvention customConvention;

    ObservingEventStore(EventStore delegate, ObservationRegistry registry,
                        EventStoreObservationConvention customConvention) {
        this.delegate = delegate;
        this.registry = registry;
        this.customConvention = customConvention;
    }

    EventStore delegate() {
        return delegate;
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
    public boolean delete(StreamId id) {
        return observation(context(Operation.DELETE, id.type(), id.instanceKey())).observe(() -> delegate.delete(id));
    }

    @Override
    public void forEachInstanceKey(StreamId.StreamType type, Consumer<String> action) {
        observation(context(Operation.INSTANCE_KEYS, type, null))
                .observe(() -> delegate.forEachInstanceKey(type, action));
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
