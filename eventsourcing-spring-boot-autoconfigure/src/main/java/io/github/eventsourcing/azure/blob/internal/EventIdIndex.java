package io.github.eventsourcing.azure.blob.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Which event id a stream holds at which sequence, for the idempotency check of every append, kept in memory per
 * cached stream.
 *
 * <p>An id is represented by the first 128 bits of its SHA-256 digest, 16 bytes instead of the 60 to 300 a Java
 * string of a typical id takes: equal digests are taken as equal ids, the same argument content-addressed stores
 * make (an accidental collision among a stream's ids has a probability of about n²/2¹²⁹). Digests are kept in
 * sequence order in one array (sequence i at position i-1), found through an open-addressing table of positions, so
 * the index costs about 24 bytes per event and no object per event.
 */
final class EventIdIndex {

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    });

    /** Two longs per event, in sequence order. */
    private long[] digests = new long[32];
    /** Open addressing: position + 1 of the event in {@link #digests}, 0 for a free slot. */
    private int[] table = new int[64];
    private int size;

    /** Number of events indexed; the next added id gets sequence {@code size() + 1}. */
    int size() {
        return size;
    }

    /** Records the id of the event at sequence {@code size() + 1}. */
    void add(String eventId) {
        long[] digest = digest(eventId);
        if ((size + 1) * 2 > digests.length) {
            digests = Arrays.copyOf(digests, digests.length * 2);
        }
        digests[size * 2] = digest[0];
        digests[size * 2 + 1] = digest[1];
        size++;
        if (size * 2 > table.length) {
            rehash(table.length * 2);
        } else {
            insert(size - 1);
        }
    }

    /** The sequence of the event with this id, or 0 when the stream holds no such id. */
    long sequenceOf(String eventId) {
        long[] digest = digest(eventId);
        int mask = table.length - 1;
        for (int slot = slot(digest[0], mask); table[slot] != 0; slot = (slot + 1) & mask) {
            int position = table[slot] - 1;
            if (digests[position * 2] == digest[0] && digests[position * 2 + 1] == digest[1]) {
                return position + 1L;
            }
        }
        return 0;
    }

    private void insert(int position) {
        int mask = table.length - 1;
        int slot = slot(digests[position * 2], mask);
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = position + 1;
    }

    private void rehash(int capacity) {
        table = new int[capacity];
        for (int position = 0; position < size; position++) {
            insert(position);
        }
    }

    private static int slot(long digestHead, int mask) {
        return (int) (digestHead ^ (digestHead >>> 32)) & mask;
    }

    private static long[] digest(String eventId) {
        ByteBuffer digest = ByteBuffer.wrap(SHA_256.get().digest(eventId.getBytes(StandardCharsets.UTF_8)));
        return new long[]{digest.getLong(), digest.getLong()};
    }
}
