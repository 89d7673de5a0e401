package io.github.eventsourcing.azure.blob.internal;

import io.github.eventsourcing.azure.stream.UnsupportedStoredFormatException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a segment's blob metadata says about it. Set atomically when the segment is created (format, incarnation,
 * first sequence); the deletion mark is added when the stream is deleted.
 *
 * @param incarnation   random id of this life of the stream: every segment of one life carries it; a stream
 *                      re-created after a deletion gets a new one
 * @param firstSequence sequence of the first event the segment holds (or will hold)
 * @param deletion      the deletion mark, null while the stream lives
 */
record SegmentMetadata(String incarnation, long firstSequence, DeletionMark deletion) {

    static final String FORMAT = "ndjson-1";

    private static final String FORMAT_KEY = "format";
    private static final String INCARNATION_KEY = "incarnation";
    private static final String FIRST_SEQUENCE_KEY = "firstsequence";
    private static final String DELETION_ID_KEY = "deletionid";
    private static final String DELETED_AT_KEY = "deletedat";
    private static final String DELETED_VERSION_KEY = "deletedversion";

    boolean deleted() {
        return deletion != null;
    }

    SegmentMetadata withDeletion(DeletionMark mark) {
        return new SegmentMetadata(incarnation, firstSequence, mark);
    }

    Map<String, String> toMap() {
        Map<String, String> map = new HashMap<>();
        map.put(FORMAT_KEY, FORMAT);
        map.put(INCARNATION_KEY, incarnation);
        map.put(FIRST_SEQUENCE_KEY, Long.toString(firstSequence));
        if (deletion != null) {
            map.put(DELETION_ID_KEY, deletion.deletionId());
            map.put(DELETED_AT_KEY, deletion.deletedAt().toString());
            map.put(DELETED_VERSION_KEY, Long.toString(deletion.version()));
        }
        return map;
    }

    /**
     * Reads the metadata of a segment; empty when the blob does not carry ours (not written by this backend).
     *
     * @throws UnsupportedStoredFormatException when it was written in a format this version cannot read
     */
    static Optional<SegmentMetadata> from(Map<String, String> raw) {
        if (raw == null) {
            return Optional.empty();
        }
        Map<String, String> map = lowerCaseKeys(raw);
        String format = map.get(FORMAT_KEY);
        String incarnation = map.get(INCARNATION_KEY);
        String first = map.get(FIRST_SEQUENCE_KEY);
        if (format == null || incarnation == null || first == null) {
            return Optional.empty();
        }
        if (!FORMAT.equals(format)) {
            throw new UnsupportedStoredFormatException("an event stream segment", format, FORMAT);
        }
        try {
            DeletionMark deletion = null;
            if (map.containsKey(DELETION_ID_KEY)) {
                deletion = new DeletionMark(map.get(DELETION_ID_KEY), Instant.parse(map.get(DELETED_AT_KEY)),
                        Long.parseLong(map.get(DELETED_VERSION_KEY)));
            }
            return Optional.of(new SegmentMetadata(incarnation, Long.parseLong(first), deletion));
        } catch (NumberFormatException | DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** Blob metadata with its keys in lower case: they travel as HTTP headers, whose case is not to be relied on. */
    static Map<String, String> lowerCaseKeys(Map<String, String> raw) {
        Map<String, String> map = new HashMap<>();
        if (raw != null) {
            raw.forEach((key, value) -> map.put(key.toLowerCase(Locale.ROOT), value));
        }
        return map;
    }
}
