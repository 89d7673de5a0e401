package io.github.eventsourcing.azure.blob.internal;

import io.github.eventsourcing.azure.blob.internal.StreamBlobs.Chunk;
import io.github.eventsourcing.azure.blob.internal.StreamBlobs.SegmentFacts;

import java.util.Arrays;
import java.util.Optional;

/**
 * Reads the records of one segment from a byte offset with ranged Get Blob requests of at most {@code chunkBytes}
 * each, so memory stays bounded however long the segment is: a chunk, plus the part of a line cut off at its end.
 *
 * <p>A scan from a non-zero offset starts one byte earlier and checks that this byte ends a line. That proves the
 * offset is a record boundary, and means a scan from the known end of a segment always gets at least one byte back
 * instead of an empty range, which Azurite answers with 206 and Azure with 416.
 *
 * <p>Before handing over the records of a chunk, the scan looks at the segment's metadata that came with it: if the
 * segment has been marked deleted, or belongs to another incarnation than the one expected (the stream was deleted
 * and re-created meanwhile), it stops without handing them over.
 */
final class SegmentScanner {

    private final StreamBlobs blobs;
    private final int chunkBytes;

    SegmentScanner(StreamBlobs blobs, int chunkBytes) {
        this.blobs = blobs;
        this.chunkBytes = chunkBytes;
    }

    /** Receives each record in order, with the offset in the segment where it starts; false stops the scan. */
    @FunctionalInterface
    interface LineHandler {
        boolean accept(RecordFormat.Line line, long offset);
    }

    /** Looks at the facts of each chunk before its records are handed over; answering false stops the scan. */
    @FunctionalInterface
    interface ChunkGate {
        boolean proceed(SegmentFacts facts);

        ChunkGate ALWAYS = facts -> true;
    }

    enum Outcome {
        /** Every record up to the segment's end (as of the last response) was handed over. */
        COMPLETE,
        /** The handler or the gate asked to stop. */
        STOPPED,
        /** The segment does not exist (when the scan started, or it vanished during it). */
        MISSING,
        /** The segment is marked deleted; records of that chunk were not handed over. */
        DELETED,
        /** The blob is not the one expected: another incarnation, or shorter than the start offset. */
        REPLACED
    }

    /**
     * @param facts the facts of the last response (null when missing)
     * @param end   offset just after the last record handed over
     */
    record Scan(Outcome outcome, SegmentFacts facts, long end) {
    }

    /**
     * @param incarnation the incarnation the segment must belong to, or null to accept the one found
     */
    Scan scan(int index, long from, String incarnation, ChunkGate gate, LineHandler handler) {
        long offset = from == 0 ? 0 : from - 1;
        boolean boundaryPending = from > 0;
        byte[] partial = new byte[0];
        long end = from;
        SegmentFacts facts = null;
        String expected = incarnation;
        RecordFormat.Decoder decoder = new RecordFormat.Decoder();
        while (true) {
            Optional<Chunk> downloaded = blobs.download(index, offset, chunkBytes);
            if (downloaded.isEmpty()) {
                return new Scan(Outcome.MISSING, facts, end);
            }
            Chunk chunk = downloaded.get();
            facts = chunk.facts();
            if (expected != null && !expected.equals(facts.metadata().incarnation())) {
                return new Scan(Outcome.REPLACED, facts, end);
            }
            expected = facts.metadata().incarnation();
            if (facts.metadata().deleted()) {
                return new Scan(Outcome.DELETED, facts, end);
            }
            if (!gate.proceed(facts)) {
                return new Scan(Outcome.STOPPED, facts, end);
            }
            byte[] bytes = chunk.bytes();
            int length = chunk.length();
            int start = 0;
            if (boundaryPending) {
                if (length == 0 || bytes[0] != '\n') {
                    return new Scan(Outcome.REPLACED, facts, end);
                }
                boundaryPending = false;
                start = 1;
            }
            byte[] buffer = bytes;
            int bufferEnd = length;
            long bufferOffset = chunk.offset();
            if (partial.length > 0) {
                bufferEnd = partial.length + length - start;
                buffer = new byte[bufferEnd];
                System.arraycopy(partial, 0, buffer, 0, partial.length);
                System.arraycopy(bytes, start, buffer, partial.length, length - start);
                bufferOffset = chunk.offset() + start - partial.length;
                start = 0;
            }
            int lineStart = start;
            int lineEnd;
            while ((lineEnd = LineBreaks.next(buffer, lineStart, bufferEnd)) >= 0) {
                RecordFormat.Line line = decoder.decode(buffer, lineStart, lineEnd - lineStart);
                if (!handler.accept(line, bufferOffset + lineStart)) {
                    return new Scan(Outcome.STOPPED, facts, bufferOffset + lineStart);
                }
                lineStart = lineEnd + 1;
                end = bufferOffset + lineStart;
            }
            partial = Arrays.copyOfRange(buffer, lineStart, bufferEnd);
            offset = chunk.end();
            if (length == 0 || chunk.end() >= facts.length()) {
                if (partial.length > 0) {
                    throw new IllegalStateException("An event stream blob ends inside a record; every block of this "
                            + "format ends with a line break, so it was not written by this backend");
                }
                return new Scan(Outcome.COMPLETE, facts, end);
            }
        }
    }
}
