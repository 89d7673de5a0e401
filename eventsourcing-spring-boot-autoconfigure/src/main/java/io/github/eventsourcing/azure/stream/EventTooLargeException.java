package io.github.eventsourcing.azure.stream;

/** One event is over {@link EventStoreLimits#maxEventBytes()}; nothing was written. */
public class EventTooLargeException extends EventStoreException {

    public EventTooLargeException(String message) {
        super(message);
    }
}
