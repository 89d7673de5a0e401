package io.github.eventsourcing.azure.samplebackend;

import io.github.eventsourcing.azure.spi.AppendRequest;
import io.github.eventsourcing.azure.spi.EventRecord;
import io.github.eventsourcing.azure.spi.EventSink;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.SnapshotStore;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.ConcurrencyConflictException;
import io.github.eventsourcing.azure.stream.EventIdConflictException;
import io.github.eventsourcing.azure.stream.ExistenceConstraint;
import io.github.eventsourcing.azure.stream.StreamAlreadyExistsException;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.StreamNotFoundException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A backend of one's own, written against the API and the SPI only: streams in a map, one lock for the whole store.
 * It shows what a backend is: the {@link EventStore} methods, and the capabilities it declares (here snapshots; no
 * change feed, so notifications of its writes go out best effort; no health probe, as nothing can be unreachable).
 * {@link MapEventStoreContractTest} proves it keeps the same contract as the built-in backends.
 */
public final class MapEventStore implements EventStore, SnapshotStore {

    /** A stream's events and, for idempotent retries, the sequence of each event id. */
    private record Stream(List<StoredEvent> events, Map<String, Long> sequenceById) {
        Stream() {
            this(new ArrayList<>(), new HashMap<>());
        }
    }

    private final Map<StreamId, Stream> streams = new HashMap<>();
    private final Map<List<Object>, StoredSnapshot> snapshots = new HashMap<>();

    @Override
    public String backendName() {
        return "map";
    }

    @Override
    public synchronized long version(StreamId id) {
        Stream stream = streams.get(id);
        return stream == null ? 0 : stream.events().size();
    }

    @Override
    public synchronized AppendResult append(StreamId id, AppendRequest request) {
        Stream stream = streams.getOrDefault(id, new Stream());
        long version = stream.events().size();
        Optional<AppendResult> retry = earlierAppendOf(id, stream, request.events());
        if (retry.isPresent()) {
            return retry.get();
        }
        if (request.constraint() == ExistenceConstraint.MUST_EXIST && version == 0) {
            throw new StreamNotFoundException(id);
        }
        if (request.expectsVersion() && request.expectedVersion() != version) {
            throw request.constraint() == ExistenceConstraint.MUST_BE_NEW ? new StreamAlreadyExistsException(id)
                    : new ConcurrencyConflictException(id, request.expectedVersion(), version);
        }
        for (EventRecord event : request.events()) {
            long sequence = stream.events().size() + 1;
            stream.events().add(new StoredEvent(sequence, event.eventId(), event.eventName(), event.schemaVersion(),
                    request.writtenAt(), request.context(), event.data().clone()));
            stream.sequenceById().put(event.eventId(), sequence);
        }
        streams.put(id, stream);
        return new AppendResult(version == 0, version + 1, stream.events().size(), false);
    }

    /**
     * The result of the earlier append when every event id of this one is stored, at consecutive sequences, with the
     * same events; empty when none is. Only some of them stored, or stored with other content, is a conflict: a retry
     * never changes what it appends.
     */
    private static Optional<AppendResult> earlierAppendOf(StreamId id, Stream stream, List<EventRecord> events) {
        List<String> stored = events.stream().map(EventRecord::eventId)
                .filter(stream.sequenceById()::containsKey).toList();
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        long first = stream.sequenceById().get(events.get(0).eventId()) == null ? 0
                : stream.sequenceById().get(events.get(0).eventId());
        List<String> differing = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            EventRecord event = events.get(i);
            Long sequence = stream.sequenceById().get(event.eventId());
            if (sequence != null && (sequence != first + i || !sameEvent(event, stream.events().get((int) (long) sequence - 1)))) {
                differing.add(event.eventId());
            }
        }
        if (stored.size() != events.size() || !differing.isEmpty()) {
            List<String> conflicting = stored.size() != events.size() ? stored : differing;
            throw new EventIdConflictException("Event ids " + conflicting + " of this append are already in stream "
                    + id + ", but not as one earlier append of the same events; nothing was written", conflicting);
        }
        return Optional.of(new AppendResult(first == 1, first, first + events.size() - 1, true));
    }

    private static boolean sameEvent(EventRecord event, StoredEvent stored) {
        return event.eventName().equals(stored.eventName()) && event.schemaVersion() == stored.schemaVersion()
                && Arrays.equals(event.data(), stored.data());
    }

    @Override
    public void read(StreamId id, long fromSequence, long toSequence, EventSink sink) {
        List<StoredEvent> range;
        synchronized (this) {
            List<StoredEvent> events = streams.containsKey(id) ? streams.get(id).events() : List.of();
            long to = Math.min(toSequence, events.size());
            long from = Math.max(fromSequence, 1);
            range = from > to ? List.of() : List.copyOf(events.subList((int) from - 1, (int) to));
        }
        // The sink runs outside the lock: it may take its time, or read other streams.
        for (StoredEvent event : range) {
            if (!sink.accept(event)) {
                return;
            }
        }
    }

    @Override
    public synchronized boolean delete(StreamId id) {
        snapshots.keySet().removeIf(key -> key.get(0).equals(id));
        return streams.remove(id) != null;
    }

    @Override
    public void forEachInstanceKey(StreamId.StreamType type, Consumer<String> action) {
        List<String> keys;
        synchronized (this) {
            keys = streams.keySet().stream().filter(id -> id.type().equals(type)).map(StreamId::instanceKey).toList();
        }
        keys.forEach(action);
    }

    @Override
    public Optional<SnapshotStore> snapshots() {
        return Optional.of(this);
    }

    @Override
    public synchronized Optional<StoredSnapshot> loadSnapshot(StreamId id, String snapshotKey) {
        return Optional.ofNullable(snapshots.get(List.of(id, snapshotKey)));
    }

    @Override
    public synchronized void saveSnapshot(StreamId id, String snapshotKey, StoredSnapshot snapshot) {
        snapshots.put(List.of(id, snapshotKey), snapshot);
    }
}
