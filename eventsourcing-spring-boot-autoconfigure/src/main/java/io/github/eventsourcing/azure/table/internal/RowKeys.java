package io.github.eventsourcing.azure.table.internal;

/**
 * The row keys of a stream's partition. The {@code !} rows sort before the events, so a range query from
 * {@code !HEAD} to an event row reads the header and the events in one go while skipping deletion bookkeeping; the
 * id rows ({@code ID-}) and snapshot rows ({@code SN-}) sort after every event.
 */
final class RowKeys {

    /** The stream's header: its version; absent when the stream does not exist (or is being deleted). */
    static final String HEAD = "!HEAD";

    /** Present while a deletion removes the stream's rows; its existence blocks re-creation until they are gone. */
    static final String DELETING = "!DELETING";

    /** Prefix of the tombstone rows a deletion leaves for the deleted-stream notification. */
    static final String GONE_PREFIX = "!GONE-";

    /** Prefix of the event rows, {@code E-} and the sequence as ten digits. */
    static final String EVENT_PREFIX = "E-";

    /** Prefix of the rows mapping an event id to its sequence, for idempotent appends. */
    static final String EVENT_ID_PREFIX = "ID-";

    /**
     * Prefix of the projection snapshot rows. It sorts after every other row, so no query for the stream's events or
     * bookkeeping ever reads a snapshot, while a deletion's cleanup (everything from {@code E-} on) removes them.
     */
    static final String SNAPSHOT_PREFIX = "SN-";

    /** The highest sequence ten digits can hold. */
    static final long MAX_SEQUENCE = 9_999_999_999L;

    private static final int SEQUENCE_DIGITS = 10;

    private RowKeys() {
    }

    static String event(long sequence) {
        if (sequence < 1 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("Sequence " + sequence + " is outside 1.." + MAX_SEQUENCE);
        }
        String digits = Long.toString(sequence);
        return EVENT_PREFIX + "0".repeat(SEQUENCE_DIGITS - digits.length()) + digits;
    }

    static boolean isEvent(String rowKey) {
        return rowKey.startsWith(EVENT_PREFIX);
    }

    static long sequenceOf(String eventRowKey) {
        return Long.parseLong(eventRowKey.substring(EVENT_PREFIX.length()));
    }

    static String eventId(String eventId) {
        return EVENT_ID_PREFIX + KeyEscaping.escape(eventId);
    }

    static String snapshot(String snapshotKey) {
        return SNAPSHOT_PREFIX + KeyEscaping.escape(snapshotKey);
    }

    static String gone(String deletionId) {
        return GONE_PREFIX + deletionId;
    }
}
