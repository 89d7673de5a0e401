package io.github.eventsourcing.azure.memory.internal;

import io.github.eventsourcing.azure.spi.AppendRequest;
import io.github.eventsourcing.azure.spi.EventRecord;
import io.github.eventsourcing.azure.spi.EventSink;
import io.github.eventsourcing.azure.spi.DeadLetterStore;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.HealthProbe;
import io.github.eventsourcing.azure.spi.ReadModelStore;
import io.github.eventsourcing.azure.spi.SnapshotStore;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.internal.AppendDecision;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** Streams in this process's memory; thread-safe, one lock per stream. */
public final class InMemoryEventStore implements EventStore, SnapshotStore, HealthProbe {

    private final Map<StreamId, List<StoredEvent>> streams = new ConcurrentHashMap<>();
    private final Map<String, StoredSnapshot> snapshots = new ConcurrentHashMap<>();
    private final InMemoryReadModelStore readModelRows = new InMemoryReadModelStore();
    private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters();

    @Override
    public String backendName() {
        return "in-memory";
    }

    @Override
    public Optional<SnapshotStore> snapshots() {
        return Optional.of(this);
    }

    @Override
    public Optional<DeadLetterStore> deadLetters() {
        return Optional.of(deadLetters);
    }

    @Override
    public Optional<ReadModelStore> readModelStore() {
        return Optional.of(readModelRows);
    }

    @Override
    public Optional<HealthProbe> healthProbe() {
        return Optional.of(this);
    }

    @Override
    public long version(StreamId id) {
        List<StoredEvent> events = streams.get(id);
        if (events == null) {
            return 0;
        }
        synchronized (events) {
            return events.size();
        }
    }

    @Override
    public AppendResult append(StreamId id, AppendRequest request) {
        List<StoredEvent> events = streams.computeIfAbsent(id, key -> new ArrayList<>());
        synchronized (events) {
            if (streams.get(id) != events) {
                // Deleted between lookup and lock: start over on the current list.
                return append(id, request);
            }
            long version = events.size();
            AppendDecision decision = AppendDecision.decide(id, version,
                    AppendDecision.StoredIds.of(Map.of(), List.copyOf(events)), request);
            if (decision instanceof AppendDecision.Replay replay) {
                return replay.result();
            }
            if (decision instanceof AppendDecision.Refuse refuse) {
                discardIfEmpty(id, events);
                throw refuse.error();
            }
            for (EventRecord record : request.events()) {
                events.add(new StoredEvent(events.size() + 1, record.eventId(), record.eventName(), record.schemaVersion(),
                        request.writtenAt(), request.context(), record.data().clone()));
            }
            return new AppendResult(version == 0, version + 1, events.size(), false);
        }
    }

    private void discardIfEmpty(StreamId id, List<StoredEvent> events) {
        if (events.isEmpty()) {
            streams.remove(id, events);
        }
    }

    @Override
    public void read(StreamId id, long fromSequence, long toSequence, EventSink sink) {
        List<StoredEvent> events = streams.get(id);
        if (events == null) {
            return;
        }
        List<StoredEvent> snapshot;
        synchronized (events) {
            int from = (int) Math.min(events.size(), Math.max(0, fromSequence - 1));
            int to = (int) Math.min(events.size(), toSequence);
            snapshot = from >= to ? List.of() : new ArrayList<>(events.subList(from, to));
        }
        for (StoredEvent event : snapshot) {
            if (!sink.accept(event)) {
                return;
            }
        }
    }

    @Override
    public Optional<StoredEvent> findEvent(StreamId id, String eventId) {
        List<StoredEvent> events = streams.get(id);
        if (events == null) {
            return Optional.empty();
        }
        synchronized (events) {
            return events.stream().filter(event -> event.eventId().equals(eventId)).findFirst();
        }
    }

    @Override
    public boolean delete(StreamId id) {
        List<StoredEvent> events = streams.remove(id);
        if (events == null) {
            return false;
        }
        synchronized (events) {
            return !events.isEmpty();
        }
    }

    @Override
    public void forEachInstanceKey(StreamId.StreamType type, Consumer<String> action) {
        List<String> keys = new ArrayList<>();
        streams.forEach((id, events) -> {
            if (id.type().equals(type) && version(id) > 0) {
                keys.add(id.instanceKey());
            }
        });
        keys.forEach(action);
    }

    @Override
    public Optional<StoredSnapshot> loadSnapshot(StreamId id, String snapshotKey) {
        return Optional.ofNullable(snapshots.get(snapshotKey + "|" + id));
    }

    @Override
    public void saveSnapshot(StreamId id, String snapshotKey, StoredSnapshot snapshot) {
        snapshots.put(snapshotKey + "|" + id, snapshot);
    }

    /** Always healthy: the streams are in this process. */
    @Override
    public Map<String, Object> checkHealth(Duration timeout) {
        return Map.of("streams", streams.size());
    }
}
