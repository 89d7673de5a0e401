package io.github.eventsourcing.azure.stream;

/** An atomic append is over the event-count or total-size limit; nothing was written. */
public class AppendTooLargeException extends EventStoreException {

    public AppendTooLargeException(String message) {
        super(message);
    }
}
