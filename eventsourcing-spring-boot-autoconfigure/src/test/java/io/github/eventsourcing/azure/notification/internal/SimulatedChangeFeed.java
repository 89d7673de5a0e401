package io.github.eventsourcing.azure.notification.internal;

import io.github.eventsourcing.azure.spi.ChangeFeed;
import io.github.eventsourcing.azure.spi.PendingChanges;
import io.github.eventsourcing.azure.spi.PublishedMarkContendedException;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Durable storage as the {@link ChangeFeed} contract describes it, kept in memory so that the dispatcher's logic can
 * be tested quickly and exactly; the backends' own feeds are tested against Azurite. Writes mark their stream
 * pending atomically; a deletion leaves a tombstone; marks never go back and never apply to another incarnation.
 * It survives a dispatcher's restart, like storage does.
 */
final class SimulatedChangeFeed implements ChangeFeed {

    private static final class Key {
        String generation;
        Instant createdAt;
        final List<StoredEvent> events = new ArrayList<>();
        long publishedVersion;
        final List<PendingChanges.Deletion> tombstones = new ArrayList<>();
        Instant changedAt;
    }

    private final String name;
    private final Map<StreamId, Key> keys = new HashMap<>();
    private int marks;
    private int contendedMarks;

    SimulatedChangeFeed(String name) {
        this.name = name;
    }

    /** Appends events named as given, each with payload {@code {"n":<sequence>}}. */
    synchronized void append(StreamId id, WriteContext context, String... eventNames) {
        Key key = keys.computeIfAbsent(id, k -> new Key());
        Instant now = Instant.now();
        if (key.generation == null) {
            key.generation = UUID.randomUUID().toString();
            key.createdAt = now;
            key.publishedVersion = 0;
        }
        for (String eventName : eventNames) {
            long sequence = key.events.size() + 1;
            key.events.add(new StoredEvent(sequence, "ev-" + sequence, eventName, 1, now, context,
                    ("{\"n\":" + sequence + "}").getBytes(StandardCharsets.UTF_8)));
        }
        key.changedAt = now;
    }

    synchronized void delete(StreamId id) {
        Key key = keys.get(id);
        if (key == null || key.generation == null) {
            return;
        }
        key.tombstones.add(new PendingChanges.Deletion(UUID.randomUUID().toString(), key.events.size(), Instant.now()));
        key.generation = null;
        key.events.clear();
        key.publishedVersion = 0;
        key.changedAt = Instant.now();
    }

    synchronized boolean isPending(StreamId id) {
        Key key = keys.get(id);
        return key != null && (!key.tombstones.isEmpty() || key.publishedVersion < key.events.size());
    }

    synchronized int marks() {
        return marks;
    }

    @Override
    public String name() {
        return "simulated:" + name;
    }

    @Override
    public synchronized void forEachPendingStream(Instant changedBefore, Consumer<StreamId> action) {
        List<StreamId> pending = new ArrayList<>();
        keys.forEach((id, key) -> {
            if (isPending(id) && (changedBefore == null || key.changedAt.isBefore(changedBefore))) {
                pending.add(id);
            }
        });
        pending.forEach(action);
    }

    @Override
    public synchronized PendingChanges read(StreamId id, int maxEvents) {
        Key key = keys.get(id);
        if (key == null) {
            return new PendingChanges(id, List.of(), null, 0, List.of(), null);
        }
        PendingChanges.Incarnation current = key.generation == null ? null
                : new PendingChanges.Incarnation(key.generation, key.createdAt, key.events.size());
        List<StoredEvent> unpublished = key.events.subList((int) key.publishedVersion,
                (int) Math.min(key.events.size(), key.publishedVersion + maxEvents));
        return new PendingChanges(id, key.tombstones, current, key.publishedVersion, unpublished, key.generation);
    }

    /** The next {@code count} marks lose the race for the stream's bookkeeping, as on a busy stream. */
    synchronized void contendNextMarks(int count) {
        contendedMarks = count;
    }

    @Override
    public synchronized void markPublished(PendingChanges changes, long publishedVersion) {
        marks++;
        if (contendedMarks > 0) {
            contendedMarks--;
            throw new PublishedMarkContendedException(changes.streamId(), 5);
        }
        Key key = keys.get(changes.streamId());
        if (key == null) {
            return;
        }
        key.tombstones.removeAll(changes.deletions());
        if (changes.current() != null && changes.current().generation().equals(key.generation)) {
            key.publishedVersion = Math.max(key.publishedVersion, Math.min(publishedVersion, key.events.size()));
        }
    }
}
