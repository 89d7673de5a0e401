package io.github.eventsourcing.azure.blob.internal;

import io.github.eventsourcing.azure.stream.InvalidStreamKeyException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Names of the blobs inside a domain/entity's container, and the reversible encoding of instance keys into them,
 * both as the {@linkplain io.github.eventsourcing.azure.blob layout} states them.
 *
 * <p>Why those characters are escaped: so that no encoded key contains a {@code /} (one path segment), a dot
 * ({@code .} and {@code ..} would be normalized away by URL handling, and Azure mishandles trailing dots) or a
 * percent sign, and so that the encoding is a bijection: {@code ~} is always escaped and hex digits are uppercase.
 * Only keys made mostly of escaped non-ASCII characters get too long for a blob name.
 */
final class BlobNames {

    static final String STREAMS = "streams/";
    static final String DELETIONS = "deletions/";
    static final String SNAPSHOTS = "snapshots/";

    /** Leaves room in 1,024 characters for {@code deletions/}, the separator and a 32-character incarnation. */
    static final int MAX_ENCODED_KEY = 960;

    private static final char ESCAPE = '~';
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private BlobNames() {
    }

    static String segment(String encodedKey, int index) {
        String digits = Integer.toString(index);
        return STREAMS + encodedKey + "/" + "00000000".substring(Math.min(8, digits.length())) + digits;
    }

    /** Prefix of every segment of a stream; no other stream's segments share it, because keys hold no '/'. */
    static String segmentPrefix(String encodedKey) {
        return STREAMS + encodedKey + "/";
    }

    /** A projection snapshot of a stream; the snapshot key encoded like an instance key. */
    static String snapshot(String encodedKey, String encodedSnapshotKey) {
        return SNAPSHOTS + encodedKey + "/" + encodedSnapshotKey;
    }

    /** Prefix of every snapshot of a stream. */
    static String snapshotPrefix(String encodedKey) {
        return SNAPSHOTS + encodedKey + "/";
    }

    static String tombstone(String encodedKey, String incarnation) {
        return DELETIONS + encodedKey + "/" + incarnation;
    }

    /** A blob name of the {@code streams/} area split into key and segment index; empty for anything else. */
    static Optional<SegmentName> parseSegment(String blobName) {
        if (!blobName.startsWith(STREAMS)) {
            return Optional.empty();
        }
        int slash = blobName.lastIndexOf('/');
        if (slash <= STREAMS.length() || blobName.length() - slash - 1 != 8) {
            return Optional.empty();
        }
        try {
            int index = Integer.parseInt(blobName.substring(slash + 1));
            return Optional.of(new SegmentName(blobName.substring(STREAMS.length(), slash), index));
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
    }

    record SegmentName(String encodedKey, int index) {
    }

    static String encodeKey(String key) {
        String b = encodeName(key);
        if (b.length() > MAX_ENCODED_KEY) {
            throw new InvalidStreamKeyException("The instance key is too long for the AppendBlob backend: encoded for "
                    + "a blob name it takes " + b.length() + " characters, at most " + MAX_ENCODED_KEY + " fit. Keys of "
                    + "letters, digits, '-' and '_' always fit; punctuation and invisible characters take 3 to 12 each");
        }
        return b;
    }

    /** Any text encoded as instance keys are, without their length limit (the caller checks the whole name). */
    static String encodeName(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            if (keptAsIs(cp)) {
                b.appendCodePoint(cp);
            } else {
                for (byte octet : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    b.append(ESCAPE).append(HEX[(octet >> 4) & 0xF]).append(HEX[octet & 0xF]);
                }
            }
        });
        return b.toString();
    }

    static String decodeKey(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        int i = 0;
        while (i < encoded.length()) {
            char c = encoded.charAt(i);
            if (c == ESCAPE) {
                if (i + 2 >= encoded.length()) {
                    throw new IllegalArgumentException("Truncated escape in blob name part '" + encoded + "'");
                }
                bytes.write(Integer.parseInt(encoded, i + 1, i + 3, 16));
                i += 3;
            } else {
                int cp = encoded.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("Blob name part '" + encoded + "' is not an encoded instance key", e);
        }
    }

    private static boolean keptAsIs(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '-'
                    || cp == '_';
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                 Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                 Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                 Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }
}
