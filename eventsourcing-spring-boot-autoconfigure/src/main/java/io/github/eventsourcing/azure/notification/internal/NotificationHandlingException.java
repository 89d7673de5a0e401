package io.github.eventsourcing.azure.notification.internal;

/** At least one listener failed on a delivery; the webhook answers 500 so that Event Grid delivers it again. */
class NotificationHandlingException extends RuntimeException {

    NotificationHandlingException(String message, Throwable cause) {
        super(message, cause);
    }
}
