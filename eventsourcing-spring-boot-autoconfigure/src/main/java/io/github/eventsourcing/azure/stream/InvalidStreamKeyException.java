package io.github.eventsourcing.azure.stream;

/** A domain, entity type or instance key that cannot address a stream. */
public class InvalidStreamKeyException extends EventStoreException {

    public InvalidStreamKeyException(String message) {
        super(message);
    }
}
