package io.github.eventsourcing.azure.stream;

/** The storage service could not be reached or refused the credentials; the outcome of a write is unknown only if it says so. */
public class BackendUnavailableException extends EventStoreException {

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
