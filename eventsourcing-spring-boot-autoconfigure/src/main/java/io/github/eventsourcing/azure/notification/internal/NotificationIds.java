package io.github.eventsourcing.azure.notification.internal;

import io.github.eventsourcing.azure.stream.StreamId;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Stable notification ids: name-based UUIDs (RFC 4122 version 5, SHA-1) of what a notification announces. Every
 * dispatcher, in any process, computes the same id for the same change, so a subscriber can drop duplicates. The
 * stream's generation (a value its backend keeps for one incarnation of a stream, new when the key is re-created
 * after a deletion) is part of the name, so a re-created stream gets new ids.
 */
final class NotificationIds {

    /** The namespace of this library's notification ids (a fixed random UUID). */
    private static final UUID NAMESPACE = UUID.fromString("0b0f3b4e-6c1d-4f7a-9d2e-5b8c1e9a7f30");

    private NotificationIds() {
    }

    static String newEntity(StreamId id, String generation) {
        return uuid("NewEntity", id, generation);
    }

    static String newEvent(StreamId id, String generation, long sequence) {
        return uuid("NewEvent", id, generation, Long.toString(sequence));
    }

    static String deletedEntity(StreamId id, String deletionId) {
        return uuid("DeletedEntity", id, deletionId);
    }

    private static String uuid(String kind, StreamId id, String... parts) {
        // Control characters cannot occur in stream ids, so a line feed separates the parts unambiguously.
        StringBuilder name = new StringBuilder(kind).append('\n').append(id.domain()).append('\n')
                .append(id.entityType()).append('\n').append(id.instanceKey());
        for (String part : parts) {
            name.append('\n').append(part);
        }
        return nameBasedV5(name.toString()).toString();
    }

    static UUID nameBasedV5(String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-1", e);
        }
        sha1.update(ByteBuffer.allocate(16).putLong(NAMESPACE.getMostSignificantBits())
                .putLong(NAMESPACE.getLeastSignificantBits()).array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong());
    }
}
