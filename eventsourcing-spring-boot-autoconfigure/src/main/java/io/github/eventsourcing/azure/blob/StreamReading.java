package io.github.eventsourcing.azure.blob;

import io.github.eventsourcing.azure.blob.SegmentScanner.ChunkGate;
import io.github.eventsourcing.azure.blob.SegmentScanner.Outcome;
import io.github.eventsourcing.azure.blob.SegmentScanner.Scan;
import io.github.eventsourcing.azure.blob.StreamBlobs.SegmentFacts;
import io.github.eventsourcing.azure.spi.EventSink;

import java.util.List;

/**
 * Reads events to a sink, streaming: ranged reads of bounded size, records handed over as they are parsed.
 *
 * <ul>
 *   <li>From sequence 1: segment 0 is read directly (one request for a stream of up to one chunk). While it is not
 *       full it is the only segment, so its metadata alone says whether the stream is deleted.</li>
 *   <li>From a later sequence, or when segment 0 is full: one List Blobs request gives every segment with its first
 *       sequence and deletion mark; reading starts at the segment holding the first wanted sequence, so earlier
 *       segments are never downloaded.</li>
 * </ul>
 * A read that meets a deletion mark, a vanished segment or a re-created stream part-way (a concurrent delete)
 * ends there, as a read that happened before the delete would have.
 */
final class StreamReading {

    private final int maxBlocksPerSegment;

    StreamReading(int maxBlocksPerSegment) {
        this.maxBlocksPerSegment = maxBlocksPerSegment;
    }

    /**
     * @param learn whether to collect what the read shows about the stream (its event ids cost a digest each)
     * @return when learning, what the read learned about the whole stream if it read all of it, else null
     */
    StreamState read(StreamAccess stream, long fromSequence, long toSequence, EventSink sink, boolean learn) {
        if (toSequence < fromSequence) {
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
            Scan scan = stream.scanner().scan(0, 0, null, onlySegment, line -> {
                if (learned != null) {
                    learned.addEvent(line.sequence(), line.eventId());
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
                        SegmentFacts facts = scan.facts();
                        learned.addSegment(new SegmentFacts(0, facts.eTag(), scan.end(), facts.blockCount(),
                                facts.metadata()));
                        yield learned;
                    }
                    default -> null;
                };
            }
        }
        readAcrossSegments(stream, fromSequence, toSequence, sink);
        return null;
    }

    private static void readAcrossSegments(StreamAccess stream, long fromSequence, long toSequence, EventSink sink) {
        List<SegmentFacts> segments = stream.blobs().listSegments();
        if (segments.isEmpty() || segments.get(0).index() != 0 || segments.stream().anyMatch(s -> s.metadata().deleted())) {
            return;
        }
        String incarnation = segments.get(0).metadata().incarnation();
        int start = 0;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).metadata().firstSequence() <= fromSequence) {
                start = i;
            }
        }
        boolean[] done = {false};
        for (SegmentFacts segment : segments.subList(start, segments.size())) {
            Scan scan = stream.scanner().scan(segment.index(), 0, incarnation, ChunkGate.ALWAYS, line -> {
                if (line.sequence() < fromSequence) {
                    return true;
                }
                if (line.sequence() > toSequence || !sink.accept(line.toStoredEvent())) {
                    done[0] = true;
                    return false;
                }
                return true;
            });
            if (done[0] || scan.outcome() != Outcome.COMPLETE) {
                return;
            }
        }
    }
}
