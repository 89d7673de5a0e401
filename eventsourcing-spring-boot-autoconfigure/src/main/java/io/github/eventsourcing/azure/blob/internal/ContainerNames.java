package io.github.eventsourcing.azure.blob.internal;

import io.github.eventsourcing.azure.stream.InvalidStreamKeyException;
import io.github.eventsourcing.azure.stream.StreamId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps a domain/entity to the name of the container that holds its streams: {@code <prefix>-<readable>-<hash>}.
 *
 * <p>Container names allow only 3-63 lowercase letters, digits and single hyphens, so the readable part (lowercased
 * domain and entity) alone would merge {@code Bank/Account} with {@code bank/account} and {@code Bank_X/Y} with
 * {@code Bank-X/Y}. The 12 hex characters of SHA-256 over the exact {@code domain/entity} keep the mapping
 * injective; every name handed out is also remembered, so that a collision of those 48 bits, however unlikely, is
 * refused with a clear message instead of mixing two types' streams.
 */
final class ContainerNames {

    static final String DEFAULT_PREFIX = "es";

    private static final int MAX_CONTAINER_NAME = 63;
    private static final int MAX_PREFIX = 20;
    private static final int HASH_CHARS = 12;

    private final String prefix;
    private final Map<String, StreamId.StreamType> typeByName = new ConcurrentHashMap<>();

    ContainerNames(String prefix) {
        this.prefix = requireValidPrefix(prefix);
    }

    /** The container of a domain/entity; the same type always gets the same name. */
    String containerFor(StreamId.StreamType type) {
        String name = nameOf(prefix, type);
        StreamId.StreamType owner = typeByName.putIfAbsent(name, type);
        if (owner != null && !owner.equals(type)) {
            throw collision(name, owner, type);
        }
        return name;
    }

    static InvalidStreamKeyException collision(String container, StreamId.StreamType owner, StreamId.StreamType type) {
        return new InvalidStreamKeyException("The domain/entity '" + type.domain() + "/" + type.entityType()
                + "' maps to container '" + container + "', which already holds '" + owner.domain() + "/"
                + owner.entityType() + "'. Rename one of them (or use another container prefix)");
    }

    static String nameOf(String prefix, StreamId.StreamType type) {
        String hash = sha256Hex(type.domain() + "/" + type.entityType()).substring(0, HASH_CHARS);
        int room = MAX_CONTAINER_NAME - prefix.length() - hash.length() - 2;
        String readable = readable(type.domain() + "-" + type.entityType(), room);
        return readable.isEmpty() ? prefix + "-" + hash : prefix + "-" + readable + "-" + hash;
    }

    /** Lowercase letters and digits, runs of anything else as one hyphen, no hyphen at either end. */
    private static String readable(String text, int maxLength) {
        StringBuilder b = new StringBuilder();
        for (char c : text.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (alphanumeric) {
                b.append(c);
            } else if (!b.isEmpty() && b.charAt(b.length() - 1) != '-') {
                b.append('-');
            }
        }
        if (b.length() > maxLength) {
            b.setLength(maxLength);
        }
        while (!b.isEmpty() && b.charAt(b.length() - 1) == '-') {
            b.setLength(b.length() - 1);
        }
        return b.toString();
    }

    private static String requireValidPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty() || prefix.length() > MAX_PREFIX
                || !prefix.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("The container prefix must be 1 to " + MAX_PREFIX
                    + " lowercase letters and digits, optionally separated by single hyphens, was '" + prefix + "'");
        }
        return prefix;
    }

    static String sha256Hex(String text) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
