package io.github.eventsourcing.azure.stream.internal;

/**
 * Finds text that is not valid Unicode: a UTF-16 surrogate without its other half. Java strings may hold one, but no
 * UTF-8 encoding, Azure service or Event Grid subscriber can carry it faithfully; stored, it would be changed on the
 * way or make every later notification of its stream fail.
 */
public final class UnicodeText {

    private UnicodeText() {
    }

    /** The index of the first unpaired surrogate in the text, or -1 when there is none (or the text is null). */
    public static int firstUnpairedSurrogate(CharSequence text) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether UTF-8 JSON holds an unpaired surrogate: escaped ({@code "\ud800"}, as Jackson writes a lone one) or
     * encoded as bytes (CESU-8, which a custom serializer writing raw bytes could produce).
     */
    static boolean jsonHoldsUnpairedSurrogate(byte[] json) {
        boolean expectingLowSurrogate = false;
        for (int i = 0; i < json.length; i++) {
            int b = json[i] & 0xFF;
            if (b == 0xED && i + 1 < json.length && (json[i + 1] & 0xFF) >= 0xA0) {
                return true; // U+D800..U+DFFF encoded in three bytes
            }
            int unit = b == '\\' && i + 5 < json.length && json[i + 1] == 'u' ? hex(json, i + 2) : -1;
            if (unit < 0) {
                if (expectingLowSurrogate) {
                    return true;
                }
                if (b == '\\') {
                    i++; // an escaped character of one byte: \" \\ \/ \b \f \n \r \t
                }
                continue;
            }
            boolean low = Character.isLowSurrogate((char) unit);
            if (low != expectingLowSurrogate) {
                return true;
            }
            expectingLowSurrogate = Character.isHighSurrogate((char) unit);
            i += 5;
        }
        return expectingLowSurrogate;
    }

    /** The code unit of four hex digits at the offset, or -1. */
    private static int hex(byte[] json, int offset) {
        int value = 0;
        for (int i = offset; i < offset + 4; i++) {
            int digit = Character.digit(json[i], 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    /** The text with its control and format characters (invisible ones) written as escapes, for messages. */
    public static String escapeInvisible(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                escaped.append(String.format(cp > 0xFFFF ? "\\u{%x}" : "\\u%04x", cp));
            } else {
                escaped.appendCodePoint(cp);
            }
        });
        return escaped.toString();
    }
}
