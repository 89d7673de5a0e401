package io.github.eventsourcing.azure.stream.internal;

import io.github.eventsourcing.azure.stream.InvalidStreamKeyException;
import io.github.eventsourcing.azure.stream.StreamId;

/**
 * Which instance keys a new stream may get. Keys come from users, and a key with an invisible character looks like
 * another key: {@code A-1} followed by a zero-width space, {@code "A-1 "} or a key reversed on screen by U+202E
 * would each be a second account that people take for the first. The strict rule refuses, when a stream is created, a key
 * with a format character (Unicode category Cf) or with white space at its start or end; control characters (Cc) are
 * refused for every key by {@link StreamId}. It keeps U+200C and U+200D (zero-width non-joiner and joiner), which
 * emoji sequences and some scripts need.
 *
 * <p>The rule applies to creation only, so streams created before it (or while it was off) stay readable and
 * appendable under their keys.
 */
public final class NewStreamKeys {

    /** Refuses invisible characters in the keys of new streams (the default). */
    public static final NewStreamKeys STRICT = new NewStreamKeys(false);

    /** Lets a new stream have any key that {@link StreamId} accepts. */
    public static final NewStreamKeys ANY_VALID = new NewStreamKeys(true);

    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
    private static final int ZERO_WIDTH_JOINER = 0x200D;

    private final boolean allowInvisibleCharacters;

    private NewStreamKeys(boolean allowInvisibleCharacters) {
        this.allowInvisibleCharacters = allowInvisibleCharacters;
    }

    public static NewStreamKeys allowingInvisibleCharacters(boolean allow) {
        return allow ? ANY_VALID : STRICT;
    }

    /** Whether the key may name a new stream; when it may not, the stream's existence decides. */
    boolean allows(String key) {
        return refusal(key) == null;
    }

    /** The exception that refuses the key of a new stream, saying why. */
    InvalidStreamKeyException refused(StreamId id) {
        return new InvalidStreamKeyException(refusal(id.instanceKey()) + "; a new stream cannot get this key. Keys "
                + "with invisible characters are allowed with eventsourcing.keys.allow-invisible-characters=true");
    }

    private String refusal(String key) {
        if (allowInvisibleCharacters) {
            return null;
        }
        String shown = "The instance key '" + UnicodeText.escapeInvisible(key) + "'";
        if (isWhiteSpace(key.codePointAt(0)) || isWhiteSpace(key.codePointBefore(key.length()))) {
            return shown + " starts or ends with white space";
        }
        for (int i = 0; i < key.length(); i += Character.charCount(key.codePointAt(i))) {
            int cp = key.codePointAt(i);
            if (Character.getType(cp) == Character.FORMAT && cp != ZERO_WIDTH_NON_JOINER && cp != ZERO_WIDTH_JOINER) {
                return shown + " contains the invisible format character U+" + String.format("%04X", cp)
                        + " at position " + i;
            }
        }
        return null;
    }

    private static boolean isWhiteSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }
}
