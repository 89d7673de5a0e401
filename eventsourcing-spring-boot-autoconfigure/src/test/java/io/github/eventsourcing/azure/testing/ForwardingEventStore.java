package io.github.eventsourcing.azure.testing;

import io.github.eventsourcing.azure.memory.internal.InMemoryEventStore;
import io.github.eventsourcing.azure.spi.AppendRequest;
import io.github.eventsourcing.azure.spi.EventSink;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.StreamId;

import java.util.function.Consumer;

/**
 * A store that forwards every call of the streams to another (by default a fresh in-memory store): a test overrides
 * only the calls it watches or changes, and declares the capabilities it needs ({@link EventStore#snapshots()},
 * {@link EventStore#changeFeed()}, {@link EventStore#healthProbe()}); it declares none of them by default.
 */
public abstract class ForwardingEventStore implements EventStore {

    private final EventStore delegate;

    protected ForwardingEventStore() {
        this(new InMemoryEventStore());
    }

    protected ForwardingEventStore(EventStore delegate) {
        this.delegate = delegate;
    }

    /** The store the calls go to. */
    public EventStore delegate() {
        return delegate;
    }

    @Override
    public String backendName() {
        return delegate.backendName();
    }

    @Override
    public long version(StreamId id) {
        return delegate.version(id);
    }

    @Override
    public AppendResult append(StreamId id, AppendRequest request) {
        return delegate.append(id, request);
    }

    @Override
    public void read(StreamId id, long fromSequence, long toSequence, EventSink sink) {
        delegate.read(id, fromSequence, toSequence, sink);
    }

    @Override
    public boolean delete(StreamId id) {
        return delegate.delete(id);
    }

    @Override
    public void forEachInstanceKey(StreamId.StreamType type, Consumer<String> action) {
        delegate.forEachInstanceKey(type, action);
    }
}
