package io.github.eventsourcing.azure.stream;

/** An object to append whose class is not an event type (it lacks {@link EventName}). */
public class UnknownEventTypeException extends EventStoreException {

    public UnknownEventTypeException(String message) {
        super(message);
    }
}
