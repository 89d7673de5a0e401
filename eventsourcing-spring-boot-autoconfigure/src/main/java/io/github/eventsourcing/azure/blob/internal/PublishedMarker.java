package io.github.eventsourcing.azure.blob.internal;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobStorageException;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a stream's marker says: the blob {@code published/<key>/mark} (empty, in the stream's container), whose
 * metadata records how far the stream's current incarnation was published (see {@link BlobChangeFeed}).
 *
 * @param eTag        the marker blob's ETag (null for one not yet written)
 * @param segment     the active segment when everything was published, or null
 * @param segmentETag that segment's ETag then, or null
 */
record PublishedMarker(String eTag, String incarnation, long version, Integer segment, String segmentETag) {

    static final String PUBLISHED = "published/";
    private static final String MARK = "mark";

    private static final String INCARNATION_KEY = "incarnation";
    private static final String VERSION_KEY = "version";
    private static final String SEGMENT_KEY = "segment";
    private static final String SEGMENT_ETAG_KEY = "segmentetag";

    static PublishedMarker of(String eTag, Map<String, String> raw) {
        Map<String, String> metadata = SegmentMetadata.lowerCaseKeys(raw);
        String incarnation = metadata.getOrDefault(INCARNATION_KEY, "");
        long version;
        Integer segment;
        try {
            version = Long.parseLong(metadata.getOrDefault(VERSION_KEY, "0"));
            segment = metadata.containsKey(SEGMENT_KEY) ? Integer.valueOf(metadata.get(SEGMENT_KEY)) : null;
        } catch (NumberFormatException e) {
            return new PublishedMarker(eTag, incarnation, 0, null, null);
        }
        return new PublishedMarker(eTag, incarnation, version, segment, metadata.get(SEGMENT_ETAG_KEY));
    }

    /**
     * Whether this marker already says what {@code desired} would: a later version of the same incarnation, or
     * the same version with no newer view of the active segment to add (a caught-up view of another segment or
     * ETag, after a segment was added or a racing dispatcher wrote, replaces it).
     */
    boolean records(PublishedMarker desired) {
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

    /** The marker of a stream; null when it has none. */
    static PublishedMarker read(BlobContainerClient container, String encodedKey) {
        try {
            BlobProperties properties = container.getBlobClient(blobName(encodedKey)).getProperties();
            return of(properties.getETag(), properties.getMetadata());
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

    static String blobName(String encodedKey) {
        return PUBLISHED + encodedKey + "/" + MARK;
    }

    /** Whether a listed blob of a key is its marker. */
    static boolean isMarker(String blobName) {
        return blobName.endsWith("/" + MARK);
    }
}
