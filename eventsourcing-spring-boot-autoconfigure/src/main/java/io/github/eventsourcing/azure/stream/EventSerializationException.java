package io.github.eventsourcing.azure.stream;

/** An event could not be turned into JSON, or stored JSON into its class. */
public class EventSerializationException extends EventStoreException {

    public EventSerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
