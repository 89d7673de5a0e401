package io.github.eventsourcing.azure.table.internal;

import io.github.eventsourcing.azure.stream.InvalidStreamKeyException;

/**
 * Reversible, readable escaping of user-chosen text (instance keys, event ids) into Azure Table keys.
 *
 * <p>Azure keys may not hold {@code / \ # ?}; those, and the escape character {@code %} itself, are written as
 * {@code %2F %5C %23 %3F %25}. Every other character is kept, so keys stay readable in a storage browser and two
 * different inputs never share a key. Control characters, also forbidden in Azure keys, are refused earlier by
 * {@link io.github.eventsourcing.azure.stream.StreamId}; this class refuses them again rather than write a key Azure
 * would reject.
 */
final class KeyEscaping {

    /** Azure's limit is 1 KiB per key; counted as UTF-16, the encoding Azure measures it in, that is 512 chars. */
    static final int MAX_KEY_CHARS = 512;

    private KeyEscaping() {
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '%' -> escaped.append("%25");
                case '/' -> escaped.append("%2F");
                case '\\' -> escaped.append("%5C");
                case '#' -> escaped.append("%23");
                case '?' -> escaped.append("%3F");
                default -> {
                    if (Character.isISOControl(c)) {
                        throw new InvalidStreamKeyException("An Azure Table key cannot hold the control character U+"
                                + String.format("%04X", (int) c) + " (at position " + i + ")");
                    }
                    escaped.append(c);
                }
            }
        }
        return escaped.toString();
    }

    static String unescape(String key) {
        StringBuilder text = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c != '%') {
                text.append(c);
                continue;
            }
            String code = i + 3 <= key.length() ? key.substring(i + 1, i + 3) : "";
            text.append(switch (code) {
                case "25" -> '%';
                case "2F" -> '/';
                case "5C" -> '\\';
                case "23" -> '#';
                case "3F" -> '?';
                default -> throw new IllegalArgumentException("'" + key + "' is not an escaped key: unknown escape at "
                        + i);
            });
            i += 2;
        }
        return text.toString();
    }

    /** The partition key of a stream's instance key; refuses one that does not fit Azure's key size. */
    static String partitionKeyOf(String instanceKey) {
        String key = escape(instanceKey);
        if (key.length() > MAX_KEY_CHARS) {
            throw new InvalidStreamKeyException("The instance key '" + instanceKey + "' is " + key.length()
                    + " characters long once escaped for Azure Table storage (each of % / \\ # ? takes three); at most "
                    + MAX_KEY_CHARS + " fit into Azure's 1 KiB partition key");
        }
        return key;
    }
}
