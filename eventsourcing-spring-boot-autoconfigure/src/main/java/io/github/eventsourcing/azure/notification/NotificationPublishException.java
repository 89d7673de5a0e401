package io.github.eventsourcing.azure.notification;

/** Publishing failed part way: the first {@link #publishedCount()} notifications were accepted, the rest were not. */
public class NotificationPublishException extends RuntimeException {

    private final int publishedCount;

    public NotificationPublishException(String message, int publishedCount, Throwable cause) {
        super(message, cause);
        this.publishedCount = publishedCount;
    }

    /** How many notifications, from the start of the list, were published before the failure. */
    public int publishedCount() {
        return publishedCount;
    }
}
