package io.github.eventsourcing.azure.web;

import io.github.eventsourcing.azure.stream.EventStoreException;

/**
 * The {@value IdempotentRequest#HEADER} header is not a key: not a structured-field string or a bare token, empty,
 * longer than {@value IdempotentRequest#MAX_KEY_LENGTH} characters, not printable ASCII, or given twice. Nothing was
 * written. Answered {@code 400} by the starter's problem details.
 */
public class InvalidIdempotencyKeyException extends EventStoreException {

    public InvalidIdempotencyKeyException(String message) {
        super(message);
    }
}
