package io.github.eventsourcing.azure.stream;

/** Some, but not all, event ids of an append are already in the stream, so it is neither new nor a retry. */
public class EventIdConflictException extends EventStoreException {

    public EventIdConflictException(String message) {
        super(message);
    }
}
