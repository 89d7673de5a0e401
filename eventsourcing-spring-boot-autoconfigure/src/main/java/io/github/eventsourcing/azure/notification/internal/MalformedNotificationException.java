package io.github.eventsourcing.azure.notification.internal;

/** A delivered notification (or delivery) is not well-formed; the webhook answers 400 Bad Request. */
class MalformedNotificationException extends RuntimeException {

    MalformedNotificationException(String message) {
        super(message);
    }
}
