package io.github.eventsourcing.azure.spi;

import io.github.eventsourcing.azure.stream.StreamId;

import java.time.Instant;
import java.util.Collection;
import java.util.function.Consumer;

/**
 * An index of recently changed streams, kept beside a {@link ChangeFeed} so that finding changes costs what changed,
 * not what is stored. The feed's durable marks stay the source of truth; the index only says where to look:
 * <ul>
 *   <li>an entry names a stream that may have unpublished changes; a stream may have an entry without any (the
 *       entry outlived its changes) and, for a short while, changes without an entry (the entry is written after the
 *       append returns, and a crash in between loses it: the feed's full search, the slow sweep, finds those);</li>
 *   <li>writing an entry is idempotent: adding a stream that has one rewrites it, which is harmless;</li>
 *   <li>{@link #remove} is called once the stream was found settled, and the caller checks the stream again after
 *       it, adding the entry back when a write came in between (so a change never loses its entry to a removal).</li>
 * </ul>
 * The design, its costs and how read models are to use it: the README's "Finding changes" section.
 */
public interface ChangeIndex {

    /** Writes an entry for each stream (one request per group of entries the backend can write together). */
    void add(Collection<StreamId> streams);

    /**
     * Hands every stream with an entry written before {@code writtenBefore} (null: all) to the action, reading only
     * the index.
     */
    void forEachEntry(Instant writtenBefore, Consumer<StreamId> action);

    /** Removes the stream's entry, if it has one. */
    void remove(StreamId stream);
}
