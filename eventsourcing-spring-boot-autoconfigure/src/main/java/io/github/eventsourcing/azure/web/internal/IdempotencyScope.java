package io.github.eventsourcing.azure.web.internal;

import io.github.eventsourcing.azure.stream.StreamId;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * An idempotency key in its scope (user, method, route) and the event ids it gives the appends to one stream. The ids
 * are a digest of the whole scope and the key, so the same key in another scope can never find or collide with them,
 * and they are derived again on every retry, needing nothing remembered outside the stream.
 */
record IdempotencyScope(String key, String user, String method, String route) {

    /** Marks the ids as the idempotency keys', apart from ids an application chooses itself. */
    private static final String PREFIX = "ik-";

    /** 24 bytes of SHA-256 (32 characters): collisions stay out of reach, ids stay short. */
    private static final int DIGEST_BYTES = 24;

    /** The id of the {@code index}th event (from 0) the key's write appends to the stream. */
    String eventId(StreamId stream, int index) {
        return PREFIX + base(stream) + "-" + index;
    }

    /** The key in its scope without a stream (see {@code IdempotentRequest#scopedName}). */
    String name() {
        return digestOf(user, method, route, key);
    }

    private String base(StreamId stream) {
        return digestOf(user, method, route, stream.domain(), stream.entityType(), stream.instanceKey(), key);
    }

    private static String digestOf(String... scope) {
        // Each part with its length, so that no two different scopes give the same bytes ("a|b" + "c" vs "a" + "b|c").
        ByteArrayOutputStream parts = new ByteArrayOutputStream();
        for (String part : scope) {
            byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
            parts.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(part == null ? -1 : bytes.length).array());
            parts.writeBytes(bytes);
        }
        return digest(parts.toByteArray()).substring(0, DIGEST_BYTES * 4 / 3);
    }

    /** Base64url of the SHA-256 of the bytes, without padding. */
    static String digest(byte[] bytes) {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform provides SHA-256", e);
        }
    }
}
