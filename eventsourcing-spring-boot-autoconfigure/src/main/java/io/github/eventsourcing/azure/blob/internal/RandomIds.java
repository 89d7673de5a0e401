package io.github.eventsourcing.azure.blob.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random ids that must not repeat across processes: incarnations, commit ids, deletion ids. */
final class RandomIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {
    }

    /** 128 random bits as 32 hex characters: the incarnation of a stream (part of its tombstone's name). */
    static String incarnation() {
        return HexFormat.of().formatHex(bytes(16));
    }

    /** 96 random bits in 16 URL-safe characters: stored on every record, so kept short. */
    static String commitId() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(12));
    }

    static String deletionId() {
        return commitId();
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
