package io.github.eventsourcing.azure.spi;

import io.github.eventsourcing.azure.stream.AppendOutcomeUnknownException;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.BackendUnavailableException;
import io.github.eventsourcing.azure.stream.ConcurrencyConflictException;
import io.github.eventsourcing.azure.stream.EventIdConflictException;
import io.github.eventsourcing.azure.stream.StreamAlreadyExistsException;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.StreamNotFoundException;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * A storage backend for event streams. Implementations are thread-safe and safe for many processes writing to the
 * same storage at once: every guarantee below must hold across processes, through the storage service's own
 * conditional operations.
 *
 * <p>Beyond the streams, a store declares what else it offers: {@link #snapshots()}, {@link #changeFeed()},
 * {@link #deadLetters()}, {@link #readModelStore()} and {@link #healthProbe()}. The library asks these methods, never the store's class, so a
 * store that wraps another (for example to observe it) keeps the capabilities it forwards, and a backend offers only
 * what it overrides.
 */
public interface EventStore {

    /** A short name for logs, metrics and health: {@code table}, {@code append-blob}, {@code in-memory}. */
    String backendName();

    /** The number of events in the stream; 0 when it does not exist or is deleted. */
    long version(StreamId id);

    /**
     * Appends all events of the request atomically at sequences {@code version+1 ...}.
     * <ul>
     *   <li>With an expected version, the append succeeds only if the stream is exactly at that version
     *       ({@link ConcurrencyConflictException} otherwise; {@link StreamAlreadyExistsException} when the constraint is
     *       must-be-new; {@link StreamNotFoundException} when it is must-exist and the stream is gone).</li>
     *   <li>Without one ({@code ANY}) it appends at the end, retrying internally on conflicts, and honours the
     *       must-exist constraint.</li>
     *   <li>Idempotent by event id: when every event id is already in the stream, at consecutive sequences, with the
     *       same events (name, schema version and JSON), the append writes nothing and returns the original sequences
     *       with {@code alreadyApplied = true}; when only some are, or with other events, it fails with
     *       {@link EventIdConflictException} naming them. This must also hold when the backend's own transport
     *       retries a request whose first attempt committed.</li>
     *   <li>When storage fails: {@link BackendUnavailableException} only when nothing of the append can have been
     *       stored (no request was sent, or the service refused it); {@link AppendOutcomeUnknownException} when an
     *       attempt may have been carried out. The library then looks for the events (with {@link #findEvent}) before
     *       it answers the caller.</li>
     * </ul>
     */
    AppendResult append(StreamId id, AppendRequest request);

    /**
     * Hands events with {@code fromSequence <= sequence <= toSequence} to the sink, in order, until the sink answers
     * false. Nothing when the stream does not exist.
     */
    void read(StreamId id, long fromSequence, long toSequence, EventSink sink);

    /**
     * The stream's stored event with this id; empty when the stream does not hold it (or does not exist). The
     * default reads the stream from the start; backends override it with their own index of event ids.
     */
    default Optional<StoredEvent> findEvent(StreamId id, String eventId) {
        StoredEvent[] found = {null};
        read(id, 1, Long.MAX_VALUE, event -> {
            if (event.eventId().equals(eventId)) {
                found[0] = event;
                return false;
            }
            return true;
        });
        return Optional.ofNullable(found[0]);
    }

    /**
     * Deletes the stream: first marks it deleted in one conditional operation (from then on appends that need it
     * fail and reads see nothing), then removes its data in a way that a later call resumes after a crash.
     *
     * @return true when a stream existed
     */
    boolean delete(StreamId id);

    /** Hands every instance key of the domain/entity that has a (not deleted) stream to the action. */
    void forEachInstanceKey(StreamId.StreamType type, Consumer<String> action);

    /**
     * Where projection snapshots of this store's streams are kept; empty when the backend keeps none (projections
     * then fold whole streams).
     */
    default Optional<SnapshotStore> snapshots() {
        return Optional.empty();
    }

    /**
     * The durable record of this store's unpublished notifications; empty when the backend keeps none (notifications
     * of its writes are then published straight after each write, best effort).
     */
    default Optional<ChangeFeed> changeFeed() {
        return Optional.empty();
    }

    /**
     * Where work on this store's streams that keeps failing is set aside, such as notifications that cannot be
     * published; empty when the backend keeps none.
     */
    default Optional<DeadLetterStore> deadLetters() {
        return Optional.empty();
    }

    /**
     * Where read model rows of this store's streams can be kept beside them; empty when the backend keeps none (read
     * models of its streams then need a store configured apart, see {@link ReadModelStore}).
     */
    default Optional<ReadModelStore> readModelStore() {
        return Optional.empty();
    }

    /** How to tell whether the storage behind this store can be reached; empty when there is nothing to probe. */
    default Optional<HealthProbe> healthProbe() {
        return Optional.empty();
    }
}
