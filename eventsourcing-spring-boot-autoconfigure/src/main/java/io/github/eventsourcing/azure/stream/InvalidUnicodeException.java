package io.github.eventsourcing.azure.stream;

/**
 * An event or its write context holds text that is not valid Unicode (a UTF-16 surrogate without its other
 * half, as in {@code "x\ud800"}); nothing was written. No UTF-8 store or subscriber could carry such text unchanged.
 */
public class InvalidUnicodeException extends EventStoreException {

    public InvalidUnicodeException(String message) {
        super(message);
    }
}
