package io.github.eventsourcing.azure.spi;

import io.github.eventsourcing.azure.stream.StreamId;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A durable backend's record of which writes still need their notifications published. It is what makes
 * notifications survive an Event Grid outage or a crash right after a write: every append and every deletion marks
 * its stream as pending <b>in the same atomic storage operation</b> that writes it, and the mark is cleared only
 * after the notifications went out.
 *
 * <p>The notification dispatcher finds pending streams ({@link #forEachPendingStream}), reads what is unpublished
 * ({@link #read}), publishes it and records the progress ({@link #markPublished}). Several dispatchers (application
 * instances) may work on the same storage at once; delivery is at least once, so implementations only have to keep
 * progress monotonic and never lose a pending mark, which they do with conditional (ETag) updates.
 *
 * <p>Implemented per durable backend and offered by its store's {@link EventStore#changeFeed()}.
 */
public interface ChangeFeed {

    /** Identifies the storage this feed reads (e.g. {@code table:https://account.table.core.windows.net}). */
    String name();

    /**
     * Hands every stream with unpublished changes to the action, searching the whole storage (the slow sweep when the
     * feed keeps an {@link #index()}). Streams whose last pending change is at or after
     * {@code changedBefore} may be left out (they are likely being dispatched by the instance that wrote them); null
     * means all.
     */
    void forEachPendingStream(Instant changedBefore, Consumer<StreamId> action);

    /**
     * What of the stream is not yet published: deletions of earlier incarnations of its key, and events of its
     * current incarnation after the published mark, at most {@code maxEvents} of them, in order. Returns changes
     * with nothing to publish when the stream has none (it may still be marked pending, which
     * {@link #markPublished} then clears).
     */
    PendingChanges read(StreamId id, int maxEvents);

    /**
     * Records that every deletion in {@code changes} and the current incarnation's events up to and including
     * {@code publishedVersion} were published. Never lowers a recorded mark, never applies to another incarnation
     * than the one read, and clears the stream's pending state only when nothing unpublished remains (a write after
     * the read keeps it pending for the next round).
     */
    void markPublished(PendingChanges changes, long publishedVersion);

    /**
     * The index of recently changed streams this feed keeps, if any: with one, a poll reads the index and only a slow
     * sweep calls {@link #forEachPendingStream}; without, every poll calls it.
     */
    default Optional<ChangeIndex> index() {
        return Optional.empty();
    }
}
