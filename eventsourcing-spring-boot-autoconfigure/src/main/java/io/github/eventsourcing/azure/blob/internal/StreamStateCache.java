package io.github.eventsourcing.azure.blob.internal;

import io.github.eventsourcing.azure.stream.StreamId;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The streams this process knows, least recently used evicted first, bounded both in streams and in the event ids
 * held. Each entry has a lock that serializes this process's writes to one stream: they would only collide with
 * each other at the storage service otherwise. Lock order: an entry's lock, then the cache's monitor, never the
 * reverse.
 */
final class StreamStateCache {

    /**
     * One stream's knowledge; {@link #state} is used and replaced only while holding {@link #lock} (readers merely
     * peek whether there is one, hence volatile).
     */
    static final class Entry {
        final StreamId id;
        final ReentrantLock lock = new ReentrantLock();
        volatile StreamState state;
        /** The stream's blobs and readers, built once per entry (their clients are not free to build). */
        volatile StreamAccess access;
        private long weight;

        private Entry(StreamId id) {
            this.id = id;
        }
    }

    private final int maxStreams;
    private final long maxEvents;
    private final LinkedHashMap<StreamId, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long totalEvents;

    StreamStateCache(int maxStreams, long maxEvents) {
        this.maxStreams = maxStreams;
        this.maxEvents = maxEvents;
    }

    /** The entry of a stream, created empty when the stream is not cached. */
    synchronized Entry entry(StreamId id) {
        return entries.computeIfAbsent(id, Entry::new);
    }

    /** The entry of a stream if it is cached, without creating one. */
    synchronized Entry peek(StreamId id) {
        return entries.get(id);
    }

    /**
     * Stores a state in its entry (the caller holds the entry's lock), then evicts least recently used streams while
     * over a bound. A state too big for the bound on its own is not kept: that stream is read afresh each time.
     */
    void store(Entry entry, StreamState state) {
        long weight = state == null ? 0 : state.weight();
        if (weight > maxEvents) {
            state = null;
            weight = 0;
        }
        entry.state = state;
        synchronized (this) {
            if (entries.get(entry.id) != entry) {
                return; // evicted while in use: its state dies with the caller's reference
            }
            totalEvents += weight - entry.weight;
            entry.weight = weight;
            Iterator<Map.Entry<StreamId, Entry>> eldest = entries.entrySet().iterator();
            while ((entries.size() > maxStreams || totalEvents > maxEvents) && eldest.hasNext()) {
                Entry candidate = eldest.next().getValue();
                if (candidate != entry) {
                    eldest.remove();
                    totalEvents -= candidate.weight;
                    candidate.weight = 0;
                }
            }
        }
    }
}
