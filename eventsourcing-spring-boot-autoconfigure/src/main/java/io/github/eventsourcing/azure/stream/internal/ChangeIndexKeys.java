package io.github.eventsourcing.azure.stream.internal;

import io.github.eventsourcing.azure.stream.StreamId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where a stream's entry goes in a backend's change index ({@link io.github.eventsourcing.azure.spi.ChangeIndex}):
 * a name derived from the stream alone, so that writing the entry again overwrites it, and a bucket that spreads the
 * entries evenly, so that no part of the index becomes hot.
 */
public final class ChangeIndexKeys {

    /** Buckets of every index: the first hex digit of the stream's digest. */
    public static final int BUCKETS = 16;

    private ChangeIndexKeys() {
    }

    /** SHA-256 over {@code domain/entity/key} in UTF-8, as 64 lower-case hex digits. */
    public static String digestOf(StreamId id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((id.domain() + "/" + id.entityType() + "/" + id.instanceKey())
                            .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }

    /** The bucket of an entry: the digest's first hex digit, {@code 0} to {@code f}. */
    public static String bucketOf(String digest) {
        return digest.substring(0, 1);
    }
}
