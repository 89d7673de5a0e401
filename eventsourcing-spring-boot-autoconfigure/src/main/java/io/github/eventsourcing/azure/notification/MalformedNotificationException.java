package io.github.eventsourcing.azure.notification;

/** A delivered notification (or delivery) is not well-formed; the webhook answers 400 Bad Request. */
public class MalformedNotificationException extends RuntimeException {

    public MalformedNotificationException(String message) {
        super(message);
    }
}
