package io.github.eventsourcing.azure.web.internal;

import io.github.eventsourcing.azure.web.IdempotentRequest;
import io.github.eventsourcing.azure.web.InvalidIdempotencyKeyException;

/**
 * Reads the {@value IdempotentRequest#HEADER} header. The IETF draft makes it a structured-field string (RFC 8941,
 * {@code "8e03978e-40d5-43e8-bc93-6894a57f9324"}, with {@code \"} and {@code \\} the only escapes); many clients send
 * the bare value, so one without quotes is taken as it stands when it holds no space, quote or backslash.
 */
final class IdempotencyKeyHeader {

    private IdempotencyKeyHeader() {
    }

    /** The key in a header value; white space around it is not part of it. */
    static String parse(String headerValue) {
        String value = headerValue.strip();
        if (value.startsWith("\"")) {
            return requireValid(unquote(value));
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                throw invalid("A key without quotes may only hold printable ASCII characters other than space, '\"' "
                        + "and '\\'; quote it as a structured-field string to use those");
            }
        }
        return requireValid(value);
    }

    /** Checks a key however it was given: 1 to 255 printable ASCII characters. */
    static String requireValid(String key) {
        if (key.isEmpty()) {
            throw invalid("The key is empty");
        }
        if (key.length() > IdempotentRequest.MAX_KEY_LENGTH) {
            throw invalid("The key is " + key.length() + " characters long; at most "
                    + IdempotentRequest.MAX_KEY_LENGTH + " are allowed");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw invalid("The key may only hold printable ASCII characters");
            }
        }
        return key;
    }

    private static String unquote(String value) {
        StringBuilder key = new StringBuilder(value.length());
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                if (i != value.length() - 1) {
                    throw invalid("Nothing may follow the closing quote of the key");
                }
                return key.toString();
            }
            if (c == '\\') {
                char escaped = ++i < value.length() ? value.charAt(i) : 0;
                if (escaped != '"' && escaped != '\\') {
                    throw invalid("In a quoted key, a backslash may only escape '\"' or '\\'");
                }
                c = escaped;
            } else if (c < 0x20 || c > 0x7e) {
                throw invalid("The key may only hold printable ASCII characters");
            }
            key.append(c);
        }
        throw invalid("The quoted key has no closing quote");
    }

    private static InvalidIdempotencyKeyException invalid(String reason) {
        return new InvalidIdempotencyKeyException("The " + IdempotentRequest.HEADER + " header is not a valid key: "
                + reason + ". Send a structured-field string of 1 to " + IdempotentRequest.MAX_KEY_LENGTH
                + " printable ASCII characters, e.g. \"8e03978e-40d5-43e8-bc93-6894a57f9324\".");
    }
}
