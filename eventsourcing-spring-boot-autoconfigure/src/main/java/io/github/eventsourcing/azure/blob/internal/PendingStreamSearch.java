package io.github.eventsourcing.azure.blob.internal;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobContainerItem;
import com.azure.storage.blob.models.BlobContainerListDetails;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobContainersOptions;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.github.eventsourcing.azure.stream.InvalidStreamKeyException;
import io.github.eventsourcing.azure.stream.StreamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Polling for {@link BlobChangeFeed}: lists the store's containers (by prefix, their metadata names the type) and in
 * each the segments, markers and tombstones, which share the name order {@code <area>/<key>/...}, so the three
 * listings are merged by key holding one key at a time. A stream is pending when it has a tombstone, a deletion mark
 * without one, or an active segment whose ETag its marker does not record.
 */
final class PendingStreamSearch {

    private static final Logger log = LoggerFactory.getLogger(PendingStreamSearch.class);

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

    PendingStreamSearch(BlobServiceClient service, String containerPrefix) {
        this.service = service;
        this.containerPrefix = containerPrefix;
    }

    /** Hands each stream with unpublished changes older than {@code changedBefore} to the action. */
    void forEachPendingStream(Instant changedBefore, Consumer<StreamId> action) {
        ListBlobContainersOptions options = new ListBlobContainersOptions().setPrefix(containerPrefix + "-")
                .setDetails(new BlobContainerListDetails().setRetrieveMetadata(true));
        List<BlobContainerItem> found;
        try {
            found = service.listBlobContainers(options, null).stream().toList();
        } catch (RuntimeException e) {
            throw StorageFailures.unavailable("list the event containers", containerPrefix + "-*", e, false);
        }
        for (BlobContainerItem item : found) {
            Map<String, String> metadata = SegmentMetadata.lowerCaseKeys(item.getMetadata());
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
        KeyGroups marks = new KeyGroups(list(container, PublishedMarker.PUBLISHED, true), PublishedMarker.PUBLISHED);
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
        PublishedMarker marker = marks.stream().filter(item -> PublishedMarker.isMarker(item.getName())).findFirst()
                .map(item -> PublishedMarker.of(item.getProperties().getETag(), item.getMetadata())).orElse(null);
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

    /** The blobs of a container under a prefix; none when the container is missing. */
    static Iterator<BlobItem> list(BlobContainerClient container, String prefix, boolean metadata) {
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
}
