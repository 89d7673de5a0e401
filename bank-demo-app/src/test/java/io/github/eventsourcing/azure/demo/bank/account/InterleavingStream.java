package io.github.eventsourcing.azure.demo.bank.account;

import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.ReadOptions;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A real stream through which another writer gets in first: before each of the next appends, it appends one of the
 * given "competing" events to the same stream, exactly in the window between a decision's check and its append.
 */
final class InterleavingStream implements EventStream {

    private final EventStream stream;
    private final Deque<Object> competing;
    private int appends;

    InterleavingStream(EventStream stream, Object... competingEvents) {
        this.stream = stream;
        this.competing = new ArrayDeque<>(List.of(competingEvents));
    }

    /** How many appends were attempted through this stream. */
    int appendAttempts() {
        return appends;
    }

    @Override
    public AppendResult append(List<?> events, AppendOptions options) {
        appends++;
        if (!competing.isEmpty()) {
            stream.append(competing.poll());
        }
        return stream.append(events, options);
    }

    @Override
    public Optional<RecordedEvent> findEvent(String eventId) {
        return stream.findEvent(eventId);
    }

    @Override
    public StreamId id() {
        return stream.id();
    }

    @Override
    public boolean exists() {
        return stream.exists();
    }

    @Override
    public long version() {
        return stream.version();
    }

    @Override
    public List<AppendResult> appendNonAtomically(List<?> events, WriteContext context) {
        return stream.appendNonAtomically(events, context);
    }

    @Override
    public List<RecordedEvent> read(ReadOptions options) {
        return stream.read(options);
    }

    @Override
    public void forEach(ReadOptions options, Consumer<RecordedEvent> action) {
        stream.forEach(options, action);
    }

    @Override
    public boolean delete() {
        return stream.delete();
    }
}
