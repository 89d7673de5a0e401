package io.github.eventsourcing.azure.blob.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.eventsourcing.azure.blob.internal.StreamBlobs.SegmentFacts;
import io.github.eventsourcing.azure.stream.EventStoreException;
import io.github.eventsourcing.azure.stream.StreamId;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deletes a stream in steps that a later call can resume wherever a crash stopped them:
 * <ol>
 *   <li>Mark: the deletion mark goes where the next append would write: into the metadata of the active segment,
 *       conditional on its ETag, or, when that segment is full, into a next segment created for it (If-None-Match *).
 *       This one operation decides the deletion: it fails if anyone appended meanwhile, and once it succeeded every
 *       append based on earlier knowledge fails, and every reader and writer sees the stream as deleted.</li>
 *   <li>Record: the tombstone {@code deletions/<key>/<incarnation>} is written (once).</li>
 *   <li>Mark the other segments, so a reader of any segment sees the mark; remove the stream's projection
 *       snapshots.</li>
 *   <li>Remove the segments, highest first, each only if unchanged since marked. Segment 0 goes last, so as long as
 *       anything of the old stream is left, segment 0 is there with its mark and nobody re-creates the stream under
 *       the same names.</li>
 * </ol>
 * A delete or an append that finds a marked stream resumes at step 2; an append then re-creates the stream, as a new
 * incarnation, from nothing. So does the change feed when it reads a marked stream, so that a delete cut short before
 * its tombstone is still announced even if nobody touches the key again.
 */
final class StreamDeletion {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_ATTEMPTS = 100;

    private final Clock clock;
    private final int maxBlocksPerSegment;

    StreamDeletion(Clock clock, int maxBlocksPerSegment) {
        this.clock = clock;
        this.maxBlocksPerSegment = maxBlocksPerSegment;
    }

    /**
     * @param known what is known about the stream, or null
     * @return true when this call deleted a stream that existed
     */
    boolean delete(StreamAccess stream, StreamState known) {
        String deletionId = RandomIds.deletionId();
        StreamState state = known;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            state = stream.catchUp().catchUp(state).state();
            if (!state.hasSegments()) {
                return false;
            }
            if (state.deleted()) {
                finish(stream.id(), stream.blobs(), state.deletion(), state.incarnation());
                // Our own mark when its response was lost and the retry failed on the changed ETag.
                return state.deletion().deletionId().equals(deletionId);
            }
            SegmentFacts active = state.active();
            if (state.version() == 0) {
                // An empty first segment left by a first append that crashed: not a stream, but not worth keeping.
                stream.blobs().deleteSegment(active.index(), active.eTag());
                return false;
            }
            DeletionMark mark = new DeletionMark(deletionId, clock.instant(), state.version());
            if (mark(stream, state, mark)) {
                finish(stream.id(), stream.blobs(), mark, state.incarnation());
                return true;
            }
            // Someone appended or deleted meanwhile: catch up and decide again.
        }
        throw new EventStoreException("Stream " + stream.id() + " changed " + MAX_ATTEMPTS
                + " times while it was being deleted; try again");
    }

    /**
     * Step 1, where the next append would write: into the active segment's metadata (If-Match), or, when that segment
     * is full, by creating the next segment already marked (If-None-Match *), so a writer about to continue the
     * stream there fails instead.
     */
    private boolean mark(StreamAccess stream, StreamState state, DeletionMark mark) {
        SegmentFacts active = state.active();
        if (state.activeIsFull(maxBlocksPerSegment)) {
            SegmentMetadata slot = new SegmentMetadata(state.incarnation(), state.version() + 1, mark);
            return stream.blobs().createSegment(active.index() + 1, slot).status() == StreamBlobs.CreateStatus.CREATED;
        }
        return stream.blobs().setMetadata(active.index(), active.metadata().withDeletion(mark), active.eTag())
                .isPresent();
    }

    /** Steps 2 to 4 for a stream already marked deleted; safe to run any number of times, also concurrently. */
    void finish(StreamId id, StreamBlobs blobs, DeletionMark mark, String incarnation) {
        List<SegmentFacts> segments = new ArrayList<>(blobs.listSegments().stream()
                .filter(segment -> segment.metadata().incarnation().equals(incarnation)).toList());
        if (segments.isEmpty()) {
            // Finished by someone else, who wrote the tombstone before removing anything; a dispatcher may have
            // published and removed it since, so writing it again would announce the deletion twice.
            return;
        }
        blobs.writeTombstone(incarnation, tombstone(id, incarnation, mark));
        Map<Integer, String> eTags = new HashMap<>();
        for (SegmentFacts segment : segments) {
            if (segment.metadata().deleted()) {
                eTags.put(segment.index(), segment.eTag());
            } else {
                Optional<String> marked = blobs.setMetadata(segment.index(),
                        segment.metadata().withDeletion(mark), segment.eTag());
                // Not marked (changed meanwhile): leave it to the next call, which sees it again.
                marked.ifPresent(eTag -> eTags.put(segment.index(), eTag));
            }
        }
        // The snapshots go before the segments: while one is left, so is marked segment 0, and the next call removes it.
        new SnapshotBlobs(blobs.container(), blobs.encodedKey()).deleteAll();
        for (int i = segments.size() - 1; i >= 0; i--) {
            String eTag = eTags.get(segments.get(i).index());
            if (eTag == null || !blobs.deleteSegment(segments.get(i).index(), eTag)) {
                return; // keep segment 0 (and its mark) while anything above it is left; the next call goes on
            }
        }
    }

    /**
     * The tombstone: a small JSON document that outlives the stream, for whoever publishes deletions (a
     * notification dispatcher lists {@code deletions/} and removes a tombstone once it has published it).
     */
    static byte[] tombstone(StreamId id, String incarnation, DeletionMark mark) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("domain", id.domain());
            json.writeStringField("entityType", id.entityType());
            json.writeStringField("instanceKey", id.instanceKey());
            json.writeStringField("incarnation", incarnation);
            json.writeNumberField("version", mark.version());
            json.writeStringField("deletedAt", mark.deletedAt().toString());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
