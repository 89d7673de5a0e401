package io.github.eventsourcing.azure.blob.internal;

import io.github.eventsourcing.azure.blob.internal.SegmentScanner.ChunkGate;
import io.github.eventsourcing.azure.blob.internal.SegmentScanner.Scan;
import io.github.eventsourcing.azure.blob.internal.StreamBlobs.SegmentFacts;

/**
 * Brings what this process knows about a stream up to date with storage, reading only what it does not know yet.
 *
 * <ul>
 *   <li>Knowing nothing, it reads the whole stream: segment 0 from its start, then each following segment while the
 *       one before is full. For a stream in one segment of at most one chunk that is one request.</li>
 *   <li>Knowing the stream, it reads the active segment from the known end (usually one request that returns just the
 *       new records, or the one byte before them), and the segments created after it.</li>
 * </ul>
 * A segment that vanished or belongs to another incarnation means the stream was deleted (and maybe re-created)
 * meanwhile: then it starts over from nothing.
 */
final class StreamCatchUp {

    private static final int MAX_RESTARTS = 10;

    private final StreamBlobs blobs;
    private final SegmentScanner scanner;
    private final int maxBlocksPerSegment;

    StreamCatchUp(StreamBlobs blobs, SegmentScanner scanner, int maxBlocksPerSegment) {
        this.blobs = blobs;
        this.scanner = scanner;
        this.maxBlocksPerSegment = maxBlocksPerSegment;
    }

    /**
     * @param state          the state after catching up
     * @param watchedCommitId the commit id of the record at the watched sequence, if this catch-up read it
     */
    record Result(StreamState state, String watchedCommitId) {
    }

    Result catchUp(StreamState known) {
        return catchUp(known, 0);
    }

    /**
     * @param known          what is known (changed in place and returned), or null for nothing
     * @param watchSequence  a sequence whose record's commit id to report, 0 for none
     */
    Result catchUp(StreamState known, long watchSequence) {
        StreamState state = known == null ? StreamState.unknown() : known;
        for (int restart = 0; restart <= MAX_RESTARTS; restart++) {
            Result result = tryCatchUp(state, watchSequence);
            if (result != null) {
                return result;
            }
            state = StreamState.unknown();
        }
        throw new IllegalStateException("A stream was deleted and re-created " + MAX_RESTARTS
                + " times while it was being read");
    }

    /** The caught-up state, or null when the stream was replaced meanwhile and reading must start over. */
    private Result tryCatchUp(StreamState state, long watchSequence) {
        String[] watched = new String[1];
        int index = state.hasSegments() ? state.active().index() : 0;
        long from = state.hasSegments() ? state.active().length() : 0;
        while (true) {
            int segment = index;
            Scan scan = scanner.scan(index, from, state.incarnation(), ChunkGate.ALWAYS, (line, offset) -> {
                state.addEvent(line.sequence(), line.eventId(), segment, offset);
                if (line.sequence() == watchSequence) {
                    watched[0] = line.commitId();
                }
                return true;
            });
            boolean successor = state.hasSegments() && index > state.active().index();
            switch (scan.outcome()) {
                case MISSING, REPLACED -> {
                    if (!state.hasSegments()) {
                        return new Result(state, watched[0]); // no stream at all
                    }
                    // After a full segment, a blob of another incarnation is no successor either: it is an orphan
                    // a writer of an earlier life of the stream left at the boundary (the appender removes it).
                    if (successor && unchanged(state.active())) {
                        return new Result(state, watched[0]); // no segment after the full one yet
                    }
                    return null;
                }
                case DELETED -> {
                    remember(state, scan, successor);
                    state.markDeleted(scan.facts().metadata().deletion());
                    return new Result(state, watched[0]);
                }
                case COMPLETE -> {
                    SegmentFacts known = remember(state, scan, successor);
                    if (known.blockCount() < maxBlocksPerSegment) {
                        return new Result(state, watched[0]);
                    }
                    index++;
                    from = 0;
                }
                case STOPPED -> throw new IllegalStateException("A catch-up never stops early");
            }
        }
    }

    /**
     * Whether a full segment is still as read. A missing successor proves nothing on its own: a concurrent delete
     * may have removed it after marking every segment. Marks are never taken back, so an unchanged (unmarked)
     * predecessor proves no removal had started, and the successor had simply not been created yet.
     */
    boolean unchanged(SegmentFacts full) {
        return blobs.properties(full.index()).map(now -> now.eTag().equals(full.eTag())).orElse(false);
    }

    private static SegmentFacts remember(StreamState state, Scan scan, boolean successor) {
        SegmentFacts facts = scan.facts();
        SegmentFacts known = new SegmentFacts(facts.index(), facts.eTag(), scan.end(), facts.blockCount(),
                facts.metadata());
        if (!state.hasSegments() || successor) {
            state.addSegment(known);
        } else {
            state.replaceActive(known);
        }
        return known;
    }
}
