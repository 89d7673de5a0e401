package io.github.eventsourcing.azure.blob.internal;

import io.github.eventsourcing.azure.blob.internal.SegmentScanner.ChunkGate;
import io.github.eventsourcing.azure.blob.internal.SegmentScanner.Outcome;
import io.github.eventsourcing.azure.blob.internal.SegmentScanner.Scan;
import io.github.eventsourcing.azure.blob.internal.StreamBlobs.SegmentFacts;
import io.github.eventsourcing.azure.spi.EventSink;

import java.util.List;

/**
 * Reads events to a sink, streaming: ranged reads of bounded size, records handed over as they are parsed.
 *
 * <ul>
 *   <li>From a later sequence of a stream this process knows: from the position it remembers nearest before that
 *       sequence, in the segment that holds it (one request for a read near the end of a stream).</li>
 *   <li>From sequence 1: segment 0 is read directly (one request for a stream of up to one chunk). While it is not
 *       full it is the only segment, so its metadata alone says whether the stream is deleted.</li>
 *   <li>From a later sequence, or when segment 0 is full: one List Blobs request gives every segment with its first
 *       sequence and deletion mark; of those, only segment 0 and the others of its incarnation count (an orphan an
 *       earlier life left may claim any first sequence); reading starts at the segment holding the first wanted
 *       sequence, so earlier segments are never downloaded.</li>
 * </ul>
 * A read that meets a deletion mark, a vanished segment or a re-created stream part-way (a concurrent delete)
 * ends there, as a read that happened before the delete would have.
 *
 * <p>A read of the whole stream also gives what an append needs to know (every event id, the end and ETag of the
 * active segment), so the store keeps it: loading a stream and then appending to it costs no second download.
 */
final class StreamReading {

    private final int maxBlocksPerSegment;

    StreamReading(int maxBlocksPerSegment) {
        this.maxBlocksPerSegment = maxBlocksPerSegment;
    }

    /**
     * Where a read may start instead of listing the segments: a position of the stream's current incarnation, as
     * this process remembers it.
     */
    record Start(String incarnation, StreamState.Position position) {

        /** Where the state remembers the record nearest before the sequence; null when it knows nothing useful. */
        static Start at(StreamState state, long sequence) {
            if (state == null || !state.hasSegments() || state.deleted()) {
                return null;
            }
            return state.positionAtOrBefore(sequence).map(position -> new Start(state.incarnation(), position))
                    .orElse(null);
        }
    }

    /**
     * @param learn whether to collect what the read shows about the stream (its event ids cost a digest each)
     * @param start where to start a read from a later sequence, or null to look it up in storage
     * @return when learning, what the read learned about the whole stream if it read all of it, else null
     */
    StreamState read(StreamAccess stream, long fromSequence, long toSequence, EventSink sink, boolean learn,
                     Start start) {
        if (toSequence < fromSequence) {
            return null;
        }
        if (fromSequence > 1 && start != null && readFrom(stream, start, fromSequence, toSequence, sink)) {
            return null;
        }
        if (fromSequence == 1) {
            StreamState learned = learn ? StreamState.unknown() : null;
            boolean[] firstChunk = {true};
            boolean[] segmentFull = {false};
            ChunkGate onlySegment = facts -> {
                if (firstChunk[0]) {
                    firstChunk[0] = false;
                    segmentFull[0] = facts.blockCount() >= maxBlocksPerSegment;
                }
                return !segmentFull[0];
            };
            Scan scan = stream.scanner().scan(0, 0, null, onlySegment, (line, offset) -> {
                if (learned != null) {
                    learned.addEvent(line.sequence(), line.eventId(), 0, offset);
                }
                return line.sequence() <= toSequence && sink.accept(line.toStoredEvent());
            });
            if (!segmentFull[0]) {
                if (learned == null) {
                    return null;
                }
                return switch (scan.outcome()) {
                    case MISSING -> learned; // known: there is no stream
                    case COMPLETE -> {
                        learned.addSegment(known(scan));
                        yield learned;
                    }
                    default -> null;
                };
            }
        }
        return readAcrossSegments(stream, fromSequence, toSequence, sink,
                learn && fromSequence == 1 ? StreamState.unknown() : null);
    }

    /**
     * A read from a later sequence of a stream this process knows: from the remembered position nearest before it,
     * in the segment holding it, so only the end of the stream is downloaded (at most
     * {@value StreamState#POSITION_STRIDE} events too many). The first record must be the remembered one, in the
     * remembered incarnation; otherwise the position is stale (the stream was deleted, maybe re-created) and nothing
     * is handed over.
     *
     * @return false when the position was stale and the caller must read the usual way
     */
    private boolean readFrom(StreamAccess stream, Start start, long fromSequence, long toSequence, EventSink sink) {
        StreamState.Position position = start.position();
        boolean[] verified = {false};
        long[] next = {fromSequence};
        Scan scan = stream.scanner().scan(position.segment(), position.offset(), start.incarnation(),
                ChunkGate.ALWAYS, (line, offset) -> {
                    if (!verified[0]) {
                        if (line.sequence() != position.sequence()) {
                            return false;
                        }
                        verified[0] = true;
                    }
                    if (line.sequence() < fromSequence) {
                        return true;
                    }
                    if (line.sequence() > toSequence || !sink.accept(line.toStoredEvent())) {
                        next[0] = Long.MAX_VALUE;
                        return false;
                    }
                    next[0] = line.sequence() + 1;
                    return true;
                });
        if (!verified[0]) {
            return scan.outcome() == Outcome.DELETED; // a deleted stream has nothing to read; anything else: look
        }
        if (scan.outcome() == Outcome.COMPLETE && scan.facts().blockCount() >= maxBlocksPerSegment
                && next[0] <= toSequence) {
            readAcrossSegments(stream, next[0], toSequence, sink, null); // the stream goes on in later segments
        }
        return true;
    }

    /** A read through the listed segments; what it learned when it read all of them and learning was asked for. */
    private StreamState readAcrossSegments(StreamAccess stream, long fromSequence, long toSequence, EventSink sink,
                                           StreamState learned) {
        List<SegmentFacts> segments = stream.blobs().listCurrentLife();
        if (segments.isEmpty() || segments.stream().anyMatch(s -> s.metadata().deleted())) {
            return null;
        }
        String incarnation = segments.get(0).metadata().incarnation();
        int start = 0;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).metadata().firstSequence() <= fromSequence) {
                start = i;
            }
        }
        for (SegmentFacts segment : segments.subList(start, segments.size())) {
            Scan scan = stream.scanner().scan(segment.index(), 0, incarnation, ChunkGate.ALWAYS, (line, offset) -> {
                if (learned != null) {
                    learned.addEvent(line.sequence(), line.eventId(), segment.index(), offset);
                }
                return line.sequence() < fromSequence
                        || line.sequence() <= toSequence && sink.accept(line.toStoredEvent());
            });
            if (scan.outcome() != Outcome.COMPLETE) {
                return null;
            }
            if (learned != null) {
                learned.addSegment(known(scan));
            }
        }
        // A full last segment may have a successor created after the listing: leave that to a catch-up.
        return learned != null && !learned.activeIsFull(maxBlocksPerSegment) ? learned : null;
    }

    private static SegmentFacts known(Scan scan) {
        SegmentFacts facts = scan.facts();
        return new SegmentFacts(facts.index(), facts.eTag(), scan.end(), facts.blockCount(), facts.metadata());
    }
}
