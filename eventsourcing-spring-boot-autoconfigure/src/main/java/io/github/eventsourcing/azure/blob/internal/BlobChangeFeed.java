package io.github.eventsourcing.azure.blob.internal;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobContainerItem;
import com.azure.storage.blob.models.BlobContainerListDetails;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobContainersOptions;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventsourcing.azure.spi.ChangeFeed;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.PendingChanges;
import io.github.eventsourcing.azure.spi.PublishedMarkContendedException;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.EventStoreException;
import io.github.eventsourcing.azure.stream.InvalidStreamKeyException;
import io.github.eventsourcing.azure.stream.StreamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The notifications still to publish for the streams of one {@link AppendBlobEventStore}. The backend's writes
 * already leave what this needs, so they pay nothing for it:
 * <ul>
 *   <li>Every Append Block changes the ETag of the stream's active segment, and the marker blob
 *       {@code published/<key>/mark} of the {@linkplain io.github.eventsourcing.azure.blob layout} records how far
 *       the current incarnation was published and which ETag that segment had then. A live stream whose active segment
 *       no longer has that ETag, or has no marker, or whose marker is of another incarnation, has unpublished
 *       events: whatever happened to the process after the append, its ETag change is durable.</li>
 *   <li>A deletion writes the tombstone {@code deletions/<key>/<incarnation>}; it is deleted once published. The
 *       deletion is decided earlier, by its mark on a segment: a stream marked without the tombstone of its
 *       incarnation (a delete cut short) is pending too, and reading it finishes the deletion, tombstone first.</li>
 *   <li>The marker is written conditionally (If-Match its ETag, or If-None-Match * when there is none), so two
 *       dispatchers cannot move it backwards, and a mark computed for an earlier incarnation is never applied to a
 *       re-created stream. A deleted stream's marker is removed with its tombstone.</li>
 *   <li>Polling lists the store's containers (by prefix, their metadata names the type) and in each the segments,
 *       markers and tombstones, which share the name order {@code <area>/<key>/...}, so the three listings are
 *       merged by key holding one key at a time.</li>
 * </ul>
 * An incarnation's generation is the random {@code incarnation} of its segments. Reading the events goes through
 * the store's own read; the segment listing is taken first, so the ETag a mark records never covers events that were
 * not read, and the incarnation is checked again after the read.
 */
final class BlobChangeFeed implements ChangeFeed {

    private static final Logger log = LoggerFactory.getLogger(BlobChangeFeed.class);

    static final String PUBLISHED = "published/";
    private static final String MARK = "mark";

    private static final String INCARNATION_KEY = "incarnation";
    private static final String VERSION_KEY = "version";
    private static final String SEGMENT_KEY = "segment";
    private static final String SEGMENT_ETAG_KEY = "segmentetag";

    private static final int MAX_ATTEMPTS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Blob names are listed in the order of their UTF-8 bytes, which is the order of their code points. */
    private static final Comparator<String> NAME_ORDER = (a, b) -> {
        Iterator<Integer> x = a.codePoints().iterator();
        Iterator<Integer> y = b.codePoints().iterator();
        while (x.hasNext() && y.hasNext()) {
            int difference = Integer.compare(x.next(), y.next());
            if (difference != 0) {
                return difference;
            }
        }
        return Boolean.compare(x.hasNext(), y.hasNext());
    };

    private final BlobServiceClient service;
    private final String containerPrefix;
    private final StreamContainers containers;
    private final EventStore store;
    private final StreamDeletion deletion;

    /**
     * @param containerPrefix the prefix of the store's container names
     * @param store           the store, to read events through
     * @param deletion        the store's deletion, to finish one that was cut short
     */
    BlobChangeFeed(BlobServiceClient service, String containerPrefix, StreamContainers containers, EventStore store,
                   StreamDeletion deletion) {
        this.service = service;
        this.containerPrefix = containerPrefix;
        this.containers = containers;
        this.store = store;
        this.deletion = deletion;
    }

    @Override
    public String name() {
        return "append-blob:" + service.getAccountUrl() + "/" + containerPrefix + "-*";
    }

    // ---------------------------------------------------------------------------------------------- polling

    @Override
    public void forEachPendingStream(Instant changedBefore, Consumer<StreamId> action) {
        ListBlobContainersOptions options = new ListBlobContainersOptions().setPrefix(containerPrefix + "-")
                .setDetails(new BlobContainerListDetails().setRetrieveMetadata(true));
        List<BlobContainerItem> found;
        try {
            found = service.listBlobContainers(options, null).stream().toList();
        } catch (RuntimeException e) {
            throw StorageFailures.unavailable("list the event containers", containerPrefix + "-*", e, false);
        }
        for (BlobContainerItem item : found) {
            Map<String, String> metadata = lowerCaseKeys(item.getMetadata());
            String domain = metadata.get("domain");
            String entity = metadata.get("entitytype");
            if (domain == null || entity == null) {
                continue; // not one of the store's containers
            }
            try {
                pollContainer(service.getBlobContainerClient(item.getName()),
                        new StreamId.StreamType(domain, entity), changedBefore, action);
            } catch (InvalidStreamKeyException e) {
                log.warn("Ignoring container '{}': its metadata names no valid stream type", item.getName());
            }
        }
    }

    private void pollContainer(BlobContainerClient container, StreamId.StreamType type, Instant changedBefore,
                               Consumer<StreamId> action) {
        KeyGroups segments = new KeyGroups(list(container, BlobNames.STREAMS, true), BlobNames.STREAMS);
        KeyGroups marks = new KeyGroups(list(container, PUBLISHED, true), PUBLISHED);
        KeyGroups tombstones = new KeyGroups(list(container, BlobNames.DELETIONS, false), BlobNames.DELETIONS);
        while (true) {
            String key = first(segments.nextKey(), marks.nextKey(), tombstones.nextKey());
            if (key == null) {
                return;
            }
            List<BlobItem> keySegments = segments.take(key);
            List<BlobItem> keyMarks = marks.take(key);
            List<BlobItem> keyTombstones = tombstones.take(key);
            if (isPending(keySegments, keyMarks, keyTombstones, changedBefore)) {
                streamOf(type, key).ifPresent(action);
            }
        }
    }

    private static boolean isPending(List<BlobItem> segments, List<BlobItem> marks, List<BlobItem> tombstones,
                                     Instant changedBefore) {
        for (BlobItem tombstone : tombstones) {
            if (before(tombstone, changedBefore)) {
                return true;
            }
        }
        List<ListedSegment> life = currentLife(segments);
        if (life.isEmpty()) {
            return false;
        }
        ListedSegment active = life.get(life.size() - 1);
        String incarnation = active.metadata().incarnation();
        for (ListedSegment segment : life) {
            if (segment.metadata().deleted()) {
                // Deleted: its tombstone is what remains to publish. A delete cut short before writing it (a crash,
                // a failed request) leaves none; reading the stream then finishes the deletion.
                boolean recorded = tombstones.stream()
                        .anyMatch(item -> item.getName().endsWith("/" + incarnation));
                return !recorded && before(segment.item(), changedBefore);
            }
        }
        if (!before(active.item(), changedBefore)) {
            return false;
        }
        Marker marker = marks.stream().filter(item -> item.getName().endsWith("/" + MARK)).findFirst()
                .map(item -> Marker.of(item.getProperties().getETag(), item.getMetadata())).orElse(null);
        return marker == null || !marker.coversActiveSegment(incarnation, active.index(),
                active.item().getProperties().getETag());
    }

    /** A segment as a listing shows it. */
    private record ListedSegment(int index, SegmentMetadata metadata, BlobItem item) {
    }

    /**
     * The listed segments of the stream's current life, in index order: segment 0 and the others of its incarnation
     * (anything else is an orphan an earlier life left, see {@link StreamBlobs#listCurrentLife()}).
     */
    private static List<ListedSegment> currentLife(List<BlobItem> segments) {
        List<ListedSegment> life = new ArrayList<>();
        for (BlobItem item : segments) {
            Optional<SegmentMetadata> metadata = SegmentMetadata.from(item.getMetadata());
            Optional<BlobNames.SegmentName> name = BlobNames.parseSegment(item.getName());
            if (metadata.isEmpty() || name.isEmpty()) {
                continue;
            }
            if (life.isEmpty() && name.get().index() != 0) {
                return life; // no segment 0: no stream, at most an orphan
            }
            if (life.isEmpty() || metadata.get().incarnation().equals(life.get(0).metadata().incarnation())) {
                life.add(new ListedSegment(name.get().index(), metadata.get(), item)); // listed in index order
            }
        }
        return life;
    }

    private static boolean before(BlobItem item, Instant changedBefore) {
        return changedBefore == null || item.getProperties().getLastModified() == null
                || item.getProperties().getLastModified().toInstant().isBefore(changedBefore);
    }

    private static Optional<StreamId> streamOf(StreamId.StreamType type, String encodedKey) {
        try {
            String key = BlobNames.decodeKey(encodedKey);
            if (!BlobNames.encodeKey(key).equals(encodedKey)) {
                return Optional.empty(); // not a name this backend writes
            }
            return Optional.of(type.instance(key));
        } catch (IllegalArgumentException | InvalidStreamKeyException notOurs) {
            return Optional.empty();
        }
    }

    /**
     * The key that comes first in the listings. They are ordered by {@code <key>/...}, so keys are compared with the
     * slash: {@code ab-c/} comes before {@code ab/}, although {@code ab} comes before {@code ab-c}.
     */
    private static String first(String... keys) {
        String first = null;
        for (String key : keys) {
            if (key != null && (first == null || NAME_ORDER.compare(key + "/", first + "/") < 0)) {
                first = key;
            }
        }
        return first;
    }

    private static Iterator<BlobItem> list(BlobContainerClient container, String prefix, boolean metadata) {
        ListBlobsOptions options = new ListBlobsOptions().setPrefix(prefix)
                .setDetails(new BlobListDetails().setRetrieveMetadata(metadata));
        return new Iterator<>() {
            private Iterator<BlobItem> iterator;

            /** A missing container holds nothing; the SDK may say so when the first page is fetched. */
            @Override
            public boolean hasNext() {
                try {
                    if (iterator == null) {
                        iterator = container.listBlobs(options, null).iterator();
                    }
                    return iterator.hasNext();
                } catch (BlobStorageException e) {
                    if (StorageFailures.isMissing(e)) {
                        iterator = Collections.emptyIterator();
                        return false;
                    }
                    throw StorageFailures.unavailable("search for unpublished notifications",
                            container.getBlobContainerName(), e, false);
                } catch (RuntimeException e) {
                    throw StorageFailures.unavailable("search for unpublished notifications",
                            container.getBlobContainerName(), e, false);
                }
            }

            @Override
            public BlobItem next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return iterator.next();
            }
        };
    }

    /** A listing of {@code <area>/<key>/...} names, taken a key at a time. */
    private static final class KeyGroups {
        private final Iterator<BlobItem> items;
        private final String area;
        private BlobItem next;
        private String nextKey;

        KeyGroups(Iterator<BlobItem> items, String area) {
            this.items = items;
            this.area = area;
            advance();
        }

        String nextKey() {
            return nextKey;
        }

        /** The items of this key, when it is the next one. */
        List<BlobItem> take(String key) {
            List<BlobItem> taken = new ArrayList<>();
            while (next != null && key.equals(nextKey)) {
                taken.add(next);
                advance();
            }
            return taken;
        }

        private void advance() {
            next = null;
            nextKey = null;
            while (items.hasNext()) {
                BlobItem item = items.next();
                int slash = item.getName().indexOf('/', area.length());
                if (slash > area.length()) {
                    next = item;
                    nextKey = item.getName().substring(area.length(), slash);
                    return;
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- reading

    @Override
    public PendingChanges read(StreamId id, int maxEvents) {
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
            Marker marker = marker(container, encodedKey);
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
                if (attempt < MAX_ATTEMPTS) {
                    continue; // deleted and re-created while we read: read the new incarnation
                }
                throw new EventStoreException("Stream " + id + " was re-created during each of " + MAX_ATTEMPTS
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

    private static boolean sameIncarnation(StreamBlobs blobs, String incarnation) {
        return blobs.properties(0).map(facts -> facts.metadata().incarnation().equals(incarnation)
                && !facts.metadata().deleted()).orElse(false);
    }

    private static List<PendingChanges.Deletion> tombstones(BlobContainerClient container, String encodedKey) {
        List<PendingChanges.Deletion> deletions = new ArrayList<>();
        String prefix = BlobNames.DELETIONS + encodedKey + "/";
        Iterator<BlobItem> items = list(container, prefix, false);
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

    private static Marker marker(BlobContainerClient container, String encodedKey) {
        try {
            BlobProperties properties = container.getBlobClient(markerName(encodedKey)).getProperties();
            return Marker.of(properties.getETag(), properties.getMetadata());
        } catch (BlobStorageException e) {
            if (StorageFailures.isMissing(e)) {
                return null;
            }
            throw StorageFailures.unavailable("read how far a stream was published", container.getBlobContainerName(),
                    e, false);
        } catch (RuntimeException e) {
            throw StorageFailures.unavailable("read how far a stream was published", container.getBlobContainerName(),
                    e, false);
        }
    }

    static String markerName(String encodedKey) {
        return PUBLISHED + encodedKey + "/" + MARK;
    }

    // ---------------------------------------------------------------------------------------------- marking

    @Override
    public void markPublished(PendingChanges changes, long publishedVersion) {
        BlobContainerClient container = containers.clientFor(changes.streamId().type());
        String encodedKey = BlobNames.encodeKey(changes.streamId().instanceKey());
        for (PendingChanges.Deletion deletion : changes.deletions()) {
            delete(container, BlobNames.tombstone(encodedKey, deletion.deletionId()), null);
        }
        Checkpoint read = (Checkpoint) changes.checkpoint();
        if (changes.current() == null) {
            if (read.marker() != null) {
                // The stream is gone: its marker has nothing left to record (a re-created stream writes its own).
                delete(container, markerName(encodedKey), read.marker().eTag());
            }
            return;
        }
        long version = changes.current().version();
        long mark = Math.min(version, Math.max(publishedVersion, read.publishedVersion()));
        boolean caughtUp = read.caughtUp() && mark >= version;
        Marker desired = new Marker(null, read.incarnation(), mark, caughtUp ? read.activeSegment() : null,
                caughtUp ? read.activeETag() : null);
        Marker existing = read.marker();
        for (int attempt = 1; ; attempt++) {
            if (existing != null && existing.records(desired)) {
                return; // recorded as far already
            }
            if (existing != null && !existing.incarnation().equals(desired.incarnation())
                    && !sameIncarnation(new StreamBlobs(container, encodedKey), desired.incarnation())) {
                return; // the stream was re-created since it was read: this mark is not the new incarnation's
            }
            if (write(container, encodedKey, desired, existing)) {
                return;
            }
            if (attempt == MAX_ATTEMPTS) {
                throw new PublishedMarkContendedException(changes.streamId(), MAX_ATTEMPTS);
            }
            existing = marker(container, encodedKey);
        }
    }

    /** Writes the marker if it is still as read (or still absent); false when someone else wrote it first. */
    private static boolean write(BlobContainerClient container, String encodedKey, Marker marker, Marker existing) {
        BlobRequestConditions conditions = existing == null ? new BlobRequestConditions().setIfNoneMatch("*")
                : new BlobRequestConditions().setIfMatch(existing.eTag());
        try {
            container.getBlobClient(markerName(encodedKey)).getBlockBlobClient().uploadWithResponse(
                    new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(new byte[0])).setMetadata(marker.toMap())
                            .setRequestConditions(conditions), null, Context.NONE);
            return true;
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 412 || e.getStatusCode() == 409) {
                return false;
            }
            throw StorageFailures.unavailable("record how far a stream was published",
                    container.getBlobContainerName(), e, false);
        } catch (RuntimeException e) {
            throw StorageFailures.unavailable("record how far a stream was published",
                    container.getBlobContainerName(), e, false);
        }
    }

    private static void delete(BlobContainerClient container, String name, String eTag) {
        try {
            container.getBlobClient(name).deleteWithResponse(null,
                    eTag == null ? null : new BlobRequestConditions().setIfMatch(eTag), null, Context.NONE);
        } catch (BlobStorageException e) {
            if (!StorageFailures.isMissing(e) && e.getStatusCode() != 412) {
                throw StorageFailures.unavailable("remove a published notification's record",
                        container.getBlobContainerName(), e, false);
            }
        } catch (RuntimeException e) {
            throw StorageFailures.unavailable("remove a published notification's record",
                    container.getBlobContainerName(), e, false);
        }
    }

    private static Map<String, String> lowerCaseKeys(Map<String, String> raw) {
        Map<String, String> map = new HashMap<>();
        if (raw != null) {
            raw.forEach((key, value) -> map.put(key.toLowerCase(Locale.ROOT), value));
        }
        return map;
    }

    /**
     * What a stream's marker says.
     *
     * @param eTag        the marker blob's ETag (null for one not yet written)
     * @param segment     the active segment when everything was published, or null
     * @param segmentETag that segment's ETag then, or null
     */
    record Marker(String eTag, String incarnation, long version, Integer segment, String segmentETag) {

        static Marker of(String eTag, Map<String, String> raw) {
            Map<String, String> metadata = lowerCaseKeys(raw);
            String incarnation = metadata.getOrDefault(INCARNATION_KEY, "");
            long version;
            Integer segment;
            try {
                version = Long.parseLong(metadata.getOrDefault(VERSION_KEY, "0"));
                segment = metadata.containsKey(SEGMENT_KEY) ? Integer.valueOf(metadata.get(SEGMENT_KEY)) : null;
            } catch (NumberFormatException e) {
                return new Marker(eTag, incarnation, 0, null, null);
            }
            return new Marker(eTag, incarnation, version, segment, metadata.get(SEGMENT_ETAG_KEY));
        }

        /**
         * Whether this marker already says what {@code desired} would: a later version of the same incarnation, or
         * the same version with no newer view of the active segment to add (a caught-up view of another segment or
         * ETag, after a segment was added or a racing dispatcher wrote, replaces it).
         */
        boolean records(Marker desired) {
            if (!incarnation.equals(desired.incarnation())) {
                return false;
            }
            if (version != desired.version()) {
                return version > desired.version();
            }
            return desired.segmentETag() == null
                    || (Objects.equals(segment, desired.segment()) && desired.segmentETag().equals(segmentETag));
        }

        boolean coversActiveSegment(String incarnation, int activeSegment, String activeETag) {
            return this.incarnation.equals(incarnation) && segment != null && segment == activeSegment
                    && activeETag != null && activeETag.equals(segmentETag);
        }

        Map<String, String> toMap() {
            Map<String, String> map = new HashMap<>();
            map.put(INCARNATION_KEY, incarnation);
            map.put(VERSION_KEY, Long.toString(version));
            if (segment != null && segmentETag != null) {
                map.put(SEGMENT_KEY, Integer.toString(segment));
                map.put(SEGMENT_ETAG_KEY, segmentETag);
            }
            return map;
        }
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
    private record Checkpoint(String incarnation, long publishedVersion, Marker marker, int activeSegment,
                              String activeETag, boolean caughtUp) {
    }
}
