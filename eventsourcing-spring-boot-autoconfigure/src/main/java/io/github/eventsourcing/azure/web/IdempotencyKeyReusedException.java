package io.github.eventsourcing.azure.web;

import io.github.eventsourcing.azure.stream.EventStoreException;

/**
 * An idempotency key came again with a different request (another JSON body, as parsed) in the same scope: it is
 * not a retry, and answering it with the first request's result would hide that. Nothing was written. Answered
 * {@code 422} by the starter's problem details.
 */
public class IdempotencyKeyReusedException extends EventStoreException {

    public IdempotencyKeyReusedException(String message) {
        super(message);
    }
}
