package io.github.eventsourcing.azure.observation;

import io.github.eventsourcing.azure.stream.ConcurrencyConflictException;

/**
 * How an observed operation ended, as the value of the {@code eventsourcing.outcome} key. Conflicts are told apart
 * from errors because they are the normal price of optimistic concurrency: a rising conflict rate calls for a look
 * at contention, a rising error rate for a look at the storage.
 */
public enum Outcome {

    /** The operation succeeded. */
    OK("ok"),
    /** An append found the stream at another version than it expected ({@link ConcurrencyConflictException}). */
    CONFLICT("conflict"),
    /** Any other failure; Micrometer's {@code error} key names the exception type. */
    ERROR("error");

    private final String value;

    Outcome(String value) {
        this.value = value;
    }

    /** The outcome of an operation that ended with this error (null: none). */
    public static Outcome of(Throwable error) {
        if (error == null) {
            return OK;
        }
        return error instanceof ConcurrencyConflictException ? CONFLICT : ERROR;
    }

    /** The key value: {@code ok}, {@code conflict} or {@code error}. */
    public String value() {
        return value;
    }
}
