package io.github.eventsourcing.azure.stream.internal;

import io.github.eventsourcing.azure.stream.StreamId;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last version this process saw of each stream, bounded: the least recently used streams are forgotten first.
 *
 * <p>A version here is a guess, never a fact. An append that expects none tries at the guessed version, which the
 * backend's own condition checks, so a guess that went stale (another process appended, deleted, or deleted and
 * re-created the stream) costs a failed attempt and never a wrong write. Nothing that decides an outcome on its own
 * (a must-exist refusal, the check of a new stream's key) may rely on it.
 */
public final class StreamVersions {

    /** Streams remembered by default: a few hundred kilobytes at most. */
    public static final int DEFAULT_SIZE = 10_000;

    /** Remembers nothing: every append without an expected version asks the backend where the stream ends. */
    public static final StreamVersions NONE = new StreamVersions(0);

    /** What {@link #known(StreamId)} answers for a stream this process has no guess for. */
    public static final long UNKNOWN = -1;

    private final int size;
    private final Map<StreamId, Long> versions;

    /** @param size how many streams to remember; 0 remembers none */
    public StreamVersions(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("A version cache holds 0 or more streams, not " + size);
        }
        this.size = size;
        this.versions = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<StreamId, Long> eldest) {
                return size() > StreamVersions.this.size;
            }
        };
    }

    /** The stream's version as last seen here, or {@link #UNKNOWN}. */
    long known(StreamId id) {
        if (size == 0) {
            return UNKNOWN;
        }
        synchronized (versions) {
            return versions.getOrDefault(id, UNKNOWN);
        }
    }

    /** Remembers the version just seen of a stream (0: it does not exist). */
    void remember(StreamId id, long version) {
        if (size == 0) {
            return;
        }
        synchronized (versions) {
            versions.put(id, version);
        }
    }

    int size() {
        synchronized (versions) {
            return versions.size();
        }
    }
}
