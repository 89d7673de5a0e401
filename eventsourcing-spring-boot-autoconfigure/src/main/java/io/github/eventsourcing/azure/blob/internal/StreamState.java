package io.github.eventsourcing.azure.blob.internal;

import io.github.eventsourcing.azure.blob.internal.StreamBlobs.SegmentFacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What this process knows about one stream: its segments (the last one takes appends), its version, the ids of
 * all its events and where every {@value #POSITION_STRIDE}th of them starts (so that reading from a later sequence
 * downloads only the end of the stream). Knowledge, not truth: another process may have written since, which the conditions on every write
 * reveal. Not thread-safe; guarded by the lock of its cache entry.
 */
final class StreamState {

    /** Random id of the stream's current life; null while no first segment exists. */
    private String incarnation;
    private final List<SegmentFacts> segments = new ArrayList<>();
    private long version;
    private final EventIdIndex ids = new EventIdIndex();
    /** Where every {@value #POSITION_STRIDE}th event's record starts, in sequence order. */
    private final List<Position> positions = new ArrayList<>();
    private DeletionMark deletion;

    /** Events between two remembered positions: a read from any sequence downloads at most this many extra. */
    static final int POSITION_STRIDE = 128;

    /** Where the record of an event starts: its segment and byte offset there. */
    record Position(long sequence, int segment, long offset) {
    }

    /** A state that knows nothing yet: catching it up reads the whole stream. */
    static StreamState unknown() {
        return new StreamState();
    }

    /** True once the stream's first segment has been seen (it may still hold no event). */
    boolean hasSegments() {
        return !segments.isEmpty();
    }

    String incarnation() {
        return incarnation;
    }

    long version() {
        return version;
    }

    /** The version as callers see it: a stream marked deleted has none. */
    long liveVersion() {
        return deletion == null ? version : 0;
    }

    boolean deleted() {
        return deletion != null;
    }

    DeletionMark deletion() {
        return deletion;
    }

    EventIdIndex ids() {
        return ids;
    }

    SegmentFacts active() {
        return segments.get(segments.size() - 1);
    }

    boolean activeIsFull(int maxBlocksPerSegment) {
        return hasSegments() && active().blockCount() >= maxBlocksPerSegment;
    }

    void addSegment(SegmentFacts segment) {
        if (segments.isEmpty()) {
            incarnation = segment.metadata().incarnation();
        }
        segments.add(segment);
    }

    void replaceActive(SegmentFacts segment) {
        segments.set(segments.size() - 1, segment);
    }

    /** Records the event at sequence {@code version() + 1}, whose record starts at that offset of that segment. */
    void addEvent(long sequence, String eventId, int segment, long offset) {
        if (sequence != version + 1) {
            throw new IllegalStateException("An event stream blob holds sequence " + sequence + " where " + (version + 1)
                    + " was expected; was it written by something else?");
        }
        ids.add(eventId);
        version = sequence;
        if ((sequence - 1) % POSITION_STRIDE == 0) {
            positions.add(new Position(sequence, segment, offset));
        }
    }

    /** The remembered position nearest before (or at) the sequence, if any. */
    Optional<Position> positionAtOrBefore(long sequence) {
        int low = 0;
        int high = positions.size() - 1;
        Position found = null;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            Position candidate = positions.get(middle);
            if (candidate.sequence() <= sequence) {
                found = candidate;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return Optional.ofNullable(found);
    }

    void markDeleted(DeletionMark mark) {
        deletion = mark;
    }

    /** How much memory the state holds, in events. */
    long weight() {
        return ids.size();
    }
}
