package io.github.eventsourcing.azure.blob.internal;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.PendingChanges;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.EventStoreException;
import io.github.eventsourcing.azure.stream.StreamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Reading for {@link BlobChangeFeed}: a stream's tombstones, its marker and the events after the marker's version,
 * read through the store's own read. The segment listing is taken first, so the ETag a mark records never covers
 * events that were not read, and the incarnation is checked again after the read. A deletion cut short is finished
 * first, so that it is published like any other.
 */
final class PendingChangesReader {

    private static final Logger log = LoggerFactory.getLogger(PendingChangesReader.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StreamContainers containers;
    private final EventStore store;
    private final StreamDeletion deletion;

    PendingChangesReader(StreamContainers containers, EventStore store, StreamDeletion deletion) {
        this.containers = containers;
        this.store = store;
        this.deletion = deletion;
    }

    /** The changes of a stream still to publish, at most {@code maxEvents} events of them. */
    PendingChanges read(StreamId id, int maxEvents) {
        BlobContainerClient container = containers.clientFor(id.type());
        String encodedKey = BlobNames.encodeKey(id.instanceKey());
        StreamBlobs blobs = new StreamBlobs(container, encodedKey);
        for (int attempt = 1; ; attempt++) {
            List<StreamBlobs.SegmentFacts> segments = blobs.listCurrentLife();
            Optional<StreamBlobs.SegmentFacts> marked = segments.stream()
                    .filter(segment -> segment.metadata().deleted()).reduce((lower, higher) -> higher);
            if (marked.isPresent()) {
                // A delete cut short (a crash, a failed request) may have left no tombstone, and nothing else would
                // announce the deletion until the key is written again: finish it, tombstone first (written once,
                // from the mark, as the delete itself would have), so the deletion is published like any other.
                // The highest mark is the one that decided the deletion.
                deletion.finish(id, blobs, marked.get().metadata().deletion(),
                        marked.get().metadata().incarnation());
            }
            List<PendingChanges.Deletion> deletions = tombstones(container, encodedKey);
            PublishedMarker marker = PublishedMarker.read(container, encodedKey);
            boolean live = !segments.isEmpty() && marked.isEmpty();
            if (!live) {
                return new PendingChanges(id, deletions, null, 0, List.of(),
                        new Checkpoint(null, 0, marker, -1, null, false));
            }
            String incarnation = segments.get(0).metadata().incarnation();
            StreamBlobs.SegmentFacts active = segments.get(segments.size() - 1);
            long published = marker != null && incarnation.equals(marker.incarnation()) ? marker.version() : 0;
            List<StoredEvent> events = new ArrayList<>();
            // One event more than asked for tells whether more remain.
            store.read(id, published + 1, published + maxEvents + 1, events::add);
            if (!events.isEmpty() && !sameIncarnation(blobs, incarnation)) {
                if (attempt < BlobChangeFeed.MAX_ATTEMPTS) {
                    continue; // deleted and re-created while we read: read the new incarnation
                }
                throw new EventStoreException("Stream " + id + " was re-created during each of " + BlobChangeFeed.MAX_ATTEMPTS
                        + " attempts to read its unpublished notifications");
            }
            boolean more = events.size() > maxEvents;
            List<StoredEvent> batch = more ? events.subList(0, maxEvents) : events;
            Instant createdAt = published == 0 && !batch.isEmpty() ? batch.get(0).writtenAt() : null;
            // The version as far as read: exact unless more remain, which the extra event then shows.
            PendingChanges.Incarnation current = new PendingChanges.Incarnation(incarnation, createdAt,
                    published + events.size());
            return new PendingChanges(id, deletions, current, published, batch,
                    new Checkpoint(incarnation, published, marker, active.index(), active.eTag(), !more));
        }
    }

    /** Whether the stream still lives in this incarnation (segment 0 of it, without a deletion mark). */
    static boolean sameIncarnation(StreamBlobs blobs, String incarnation) {
        return blobs.properties(0).map(facts -> facts.metadata().incarnation().equals(incarnation)
                && !facts.metadata().deleted()).orElse(false);
    }

    private static List<PendingChanges.Deletion> tombstones(BlobContainerClient container, String encodedKey) {
        List<PendingChanges.Deletion> deletions = new ArrayList<>();
        String prefix = BlobNames.DELETIONS + encodedKey + "/";
        Iterator<BlobItem> items = PendingStreamSearch.list(container, prefix, false);
        while (items.hasNext()) {
            BlobItem item = items.next();
            try {
                JsonNode tombstone = JSON.readTree(container.getBlobClient(item.getName()).downloadContent().toBytes());
                deletions.add(new PendingChanges.Deletion(item.getName().substring(prefix.length()),
                        tombstone.path("version").asLong(), Instant.parse(tombstone.path("deletedAt").asText())));
            } catch (BlobStorageException e) {
                if (!StorageFailures.isMissing(e)) { // a tombstone published meanwhile is simply gone
                    throw StorageFailures.unavailable("read a deleted stream's tombstone",
                            container.getBlobContainerName(), e, false);
                }
            } catch (IOException | RuntimeException e) {
                log.warn("Ignoring the unreadable tombstone {} in container '{}': {}", item.getName(),
                        container.getBlobContainerName(), e.getMessage());
            }
        }
        return deletions;
    }

    /**
     * A stream as read, for the mark that follows.
     *
     * @param incarnation      the live incarnation, null when there is none
     * @param publishedVersion its marker's version as read (0 for a new incarnation)
     * @param marker           the marker as read, null when there was none
     * @param activeSegment    the active segment as listed before the events were read
     * @param activeETag       its ETag then
     * @param caughtUp         whether the read reached the end of the stream
     */
    record Checkpoint(String incarnation, long publishedVersion, PublishedMarker marker, int activeSegment,
                              String activeETag, boolean caughtUp) {
    }
}
