package io.github.eventsourcing.azure.spi;

import io.github.eventsourcing.azure.stream.StreamId;

import java.util.Optional;

/**
 * Stores projection snapshots beside the streams. A backend that can keep snapshots offers this through
 * {@link EventStore#snapshots()}; snapshots are an optimisation only, so implementations may lose them, and readers verify
 * them before use.
 */
public interface SnapshotStore {

    /** The snapshot saved for the stream under this key (projection name + version), if any. */
    Optional<StoredSnapshot> loadSnapshot(StreamId id, String snapshotKey);

    /** Saves (replaces) the snapshot for the stream under this key. */
    void saveSnapshot(StreamId id, String snapshotKey, StoredSnapshot snapshot);

    /**
     * A projection's state as of one event.
     *
     * @param sequence    the sequence of the last event folded into the state
     * @param lastEventId the id of that event, so a reader can tell that the stream was not deleted and re-created
     *                    since (a re-created stream has other event ids)
     * @param state       the state as UTF-8 JSON
     */
    record StoredSnapshot(long sequence, String lastEventId, java.time.Instant asOfTime, byte[] state) {
    }
}
