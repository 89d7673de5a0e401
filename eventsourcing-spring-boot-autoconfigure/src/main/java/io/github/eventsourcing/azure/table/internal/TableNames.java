package io.github.eventsourcing.azure.table.internal;

import io.github.eventsourcing.azure.stream.InvalidStreamKeyException;
import io.github.eventsourcing.azure.stream.StreamId.StreamType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps each domain/entity type to its own Azure table, named as the {@linkplain io.github.eventsourcing.azure.table
 * layout} says.
 *
 * <p>Why that name: Azure table names are 3-63 letters and digits, start with a letter and ignore case, while stream
 * types may hold {@code -} and {@code _} and differ only in case. The readable part lets people recognise the table in
 * a storage browser; the hash keeps the mapping injective. A 48-bit collision is not expected in practice, but the
 * store still remembers which type each name was given to and refuses a second type rather than mixing two kinds of
 * stream in one table.
 */
final class TableNames {

    static final String DEFAULT_PREFIX = "es";
    static final int MAX_PREFIX_LENGTH = 32;

    private static final int MAX_TABLE_NAME_LENGTH = 63;
    private static final int HASH_HEX_DIGITS = 12;

    private final String prefix;
    private final Map<String, StreamType> typesByTable = new ConcurrentHashMap<>();

    TableNames(String prefix) {
        this.prefix = validPrefix(prefix);
    }

    /** The prefix every table name of this store starts with (lower case). */
    String prefix() {
        return prefix;
    }

    /** The table of the type; refuses a type whose name another type of this store already holds. */
    String tableFor(StreamType type) {
        return claim(nameOf(type), type);
    }

    /** Remembers that the name holds the type; refuses it when another type holds it already. */
    String claim(String name, StreamType type) {
        StreamType holder = typesByTable.putIfAbsent(name, type);
        if (holder != null && !holder.equals(type)) {
            throw new InvalidStreamKeyException("Stream types '" + holder + "' and '" + type
                    + "' both map to the Azure table '" + name + "'; rename one of them or use another table prefix");
        }
        return name;
    }

    /** The name alone, without remembering it. */
    String nameOf(StreamType type) {
        String readable = (type.domain() + type.entityType()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        int room = MAX_TABLE_NAME_LENGTH - prefix.length() - HASH_HEX_DIGITS;
        return prefix + readable.substring(0, Math.min(readable.length(), room)) + hashOf(type);
    }

    private static String hashOf(StreamType type) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((type.domain() + "/" + type.entityType()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, HASH_HEX_DIGITS / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }

    private static String validPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty() || prefix.length() > MAX_PREFIX_LENGTH) {
            throw new IllegalArgumentException("The table name prefix must be 1 to " + MAX_PREFIX_LENGTH
                    + " characters long, was '" + prefix + "'");
        }
        if (!isAsciiLetter(prefix.charAt(0))) {
            throw new IllegalArgumentException("The table name prefix must start with a letter (Azure table names do), was '"
                    + prefix + "'");
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("The table name prefix may only hold letters and digits, was '"
                        + prefix + "'");
            }
        }
        // Azure ignores case in table names; lowercase keeps the names one sees in a storage browser predictable.
        return prefix.toLowerCase(Locale.ROOT);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
