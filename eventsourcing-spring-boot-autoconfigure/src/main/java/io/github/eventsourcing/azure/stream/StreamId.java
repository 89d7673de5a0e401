package io.github.eventsourcing.azure.stream;

import io.github.eventsourcing.azure.stream.internal.UnicodeText;

/**
 * The address of one event stream: a domain (e.g. {@code Bank}), an entity type within it (e.g.
 * {@code Account}) and the key of one instance (e.g. {@code A-0001}).
 *
 * <p>Domain and entity type name a kind of stream and are chosen by developers, so they are restricted
 * to letters, digits, {@code -} and {@code _}. Instance keys come from users and may hold any
 * printable character; each backend stores them reversibly or refuses them with an
 * {@link InvalidStreamKeyException}, never mapping two keys onto one stream. A key that looks like another key (an
 * invisible format character, white space at either end) is refused when a stream is created with it, unless
 * {@code eventsourcing.keys.allow-invisible-characters} is set.
 */
public record StreamId(String domain, String entityType, String instanceKey) {

    /** Longest instance key accepted on every backend (characters). */
    public static final int MAX_INSTANCE_KEY_LENGTH = 256;

    private static final int MAX_NAME_LENGTH = 63;

    public StreamId {
        requireName("domain", domain);
        requireName("entity type", entityType);
        requireInstanceKey(instanceKey);
    }

    public static StreamId of(String domain, String entityType, String instanceKey) {
        return new StreamId(domain, entityType, instanceKey);
    }

    /** The domain/entity pair this stream belongs to. */
    public StreamType type() {
        return new StreamType(domain, entityType);
    }

    static void requireName(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidStreamKeyException("The " + what + " of a stream must not be empty");
        }
        if (value.length() > MAX_NAME_LENGTH) {
            throw new InvalidStreamKeyException("The " + what + " '" + value + "' is longer than "
                    + MAX_NAME_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                throw new InvalidStreamKeyException("The " + what + " '" + value
                        + "' may only contain letters, digits, '-' and '_' (found '" + c + "')");
            }
        }
    }

    private static void requireInstanceKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidStreamKeyException("The instance key of a stream must not be empty");
        }
        if (key.length() > MAX_INSTANCE_KEY_LENGTH) {
            throw new InvalidStreamKeyException("The instance key is " + key.length()
                    + " characters long; at most " + MAX_INSTANCE_KEY_LENGTH + " are allowed");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidStreamKeyException("The instance key '" + UnicodeText.escapeInvisible(key)
                        + "' contains a control character at position " + i);
            }
        }
        int surrogate = UnicodeText.firstUnpairedSurrogate(key);
        if (surrogate >= 0) {
            throw new InvalidStreamKeyException("The instance key contains an unpaired surrogate at position "
                    + surrogate);
        }
    }

    @Override
    public String toString() {
        return domain + "/" + entityType + "/" + instanceKey;
    }

    /** A domain and entity type: the unit that configuration maps to a backend. */
    public record StreamType(String domain, String entityType) {
        public StreamType {
            requireName("domain", domain);
            requireName("entity type", entityType);
        }

        public StreamId instance(String instanceKey) {
            return new StreamId(domain, entityType, instanceKey);
        }

        @Override
        public String toString() {
            return domain + "." + entityType;
        }
    }

}
