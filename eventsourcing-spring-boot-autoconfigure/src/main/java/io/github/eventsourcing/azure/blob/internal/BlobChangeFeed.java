package io.github.eventsourcing.azure.blob.internal;

import com.azure.storage.blob.BlobServiceClient;
import io.github.eventsourcing.azure.spi.ChangeFeed;
import io.github.eventsourcing.azure.spi.ChangeIndex;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.PendingChanges;
import io.github.eventsourcing.azure.stream.StreamId;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The notifications still to publish for the streams of one {@link AppendBlobEventStore}. The backend's writes
 * already leave what this needs, so they pay nothing for it:
 * <ul>
 *   <li>Every Append Block changes the ETag of the stream's active segment. A marker blob
 *       {@code published/<key>/mark} (empty, in the stream's container) records in its metadata how far the current
 *       incarnation was published ({@code incarnation}, {@code version}) and, once everything read was published,
 *       which segment had which ETag then ({@code segment}, {@code segmentetag}). A live stream whose active segment
 *       no longer has that ETag, or has no marker, or whose marker is of another incarnation, has unpublished
 *       events: whatever happened to the process after the append, its ETag change is durable.</li>
 *   <li>A deletion writes the tombstone {@code deletions/<key>/<incarnation>}; it is deleted once published. The
 *       deletion is decided earlier, by its mark on a segment: a stream marked without the tombstone of its
 *       incarnation (a delete cut short) is pending too, and reading it finishes the deletion, tombstone first.</li>
 *   <li>The marker is written conditionally (If-Match its ETag, or If-None-Match * when there is none), so two
 *       dispatchers cannot move it backwards, and a mark computed for an earlier incarnation is never applied to a
 *       re-created stream. A deleted stream's marker is removed with its tombstone.</li>
 *   <li>Polling reads the {@linkplain BlobChangeIndex change index} only. The full search, the slow sweep for index
 *       entries lost in a crash and for data written before the index existed, lists the store's containers (by
 *       prefix, their metadata names the type) and in each the segments, markers and tombstones, which share the
 *       name order {@code <area>/<key>/...}, so the three listings are merged by key holding one key at a time.</li>
 * </ul>
 * Its three jobs are three classes: {@link PendingStreamSearch} polls, {@link PendingChangesReader} reads,
 * {@link PublishedMarking} marks, all around a stream's {@link PublishedMarker}. An incarnation's generation is the random {@code incarnation} of its segments. Reading the events goes through
 * the store's own read; the segment listing is taken first, so the ETag a mark records never covers events that were
 * not read, and the incarnation is checked again after the read.
 */
final class BlobChangeFeed implements ChangeFeed {

    /** Attempts to read a stream re-created meanwhile, or to move a marker someone else moves too. */
    static final int MAX_ATTEMPTS = 5;

    private final BlobServiceClient service;
    private final String containerPrefix;
    private final PendingStreamSearch search;
    private final PendingChangesReader reader;
    private final PublishedMarking marking;
    private final BlobChangeIndex index;

    /**
     * @param containerPrefix the prefix of the store's container names
     * @param store           the store, to read events through
     * @param deletion        the store's deletion, to finish one that was cut short
     */
    BlobChangeFeed(BlobServiceClient service, String containerPrefix, StreamContainers containers, EventStore store,
                   StreamDeletion deletion) {
        this.service = service;
        this.containerPrefix = containerPrefix;
        this.search = new PendingStreamSearch(service, containerPrefix);
        this.reader = new PendingChangesReader(containers, store, deletion);
        this.marking = new PublishedMarking(containers);
        this.index = new BlobChangeIndex(service, containerPrefix);
    }

    @Override
    public Optional<ChangeIndex> index() {
        return Optional.of(index);
    }

    @Override
    public String name() {
        return "append-blob:" + service.getAccountUrl() + "/" + containerPrefix + "-*";
    }

    @Override
    public void forEachPendingStream(Instant changedBefore, Consumer<StreamId> action) {
        search.forEachPendingStream(changedBefore, action);
    }

    @Override
    public PendingChanges read(StreamId id, int maxEvents) {
        return reader.read(id, maxEvents);
    }

    @Override
    public void markPublished(PendingChanges changes, long publishedVersion) {
        marking.markPublished(changes, publishedVersion);
    }
}
