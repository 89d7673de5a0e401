package io.github.eventsourcing.azure.blob.internal;

import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import io.github.eventsourcing.azure.stream.BackendUnavailableException;

import java.util.Set;

/**
 * Turns what the Blob SDK throws into the event store's exceptions. Messages name the operation and the container,
 * never an instance key, a URL or a credential (the SDK's own exception stays attached as the cause).
 */
final class StorageFailures {

    private StorageFailures() {
    }

    static boolean is(BlobStorageException e, BlobErrorCode... codes) {
        return e.getErrorCode() != null && Set.of(codes).contains(e.getErrorCode());
    }

    static boolean isMissing(BlobStorageException e) {
        return e.getStatusCode() == 404 || is(e, BlobErrorCode.BLOB_NOT_FOUND, BlobErrorCode.CONTAINER_NOT_FOUND);
    }

    /**
     * The storage service could not be reached or refused the request for a reason the backend cannot handle.
     *
     * @param operation  what was being done, e.g. "append to a stream"
     * @param container  the container it was done in
     * @param outcomeUnknown true for a write whose outcome the failure leaves open
     */
    static BackendUnavailableException unavailable(String operation, String container, RuntimeException e,
                                                   boolean outcomeUnknown) {
        String reason;
        if (e instanceof BlobStorageException storage) {
            reason = "Azure Blob storage answered " + storage.getStatusCode()
                    + (storage.getErrorCode() == null ? "" : " " + storage.getErrorCode());
        } else {
            reason = "Azure Blob storage could not be reached (" + rootCause(e).getClass().getSimpleName() + ")";
        }
        String message = reason + " to " + operation + " in container '" + container + "'";
        if (outcomeUnknown) {
            message += "; whether the write happened is unknown, so retry it with the same event ids (a retry is "
                    + "recognized by them and not written twice)";
        }
        return new BackendUnavailableException(message, e);
    }

    /** The HTTP status the service answered with; -1 when it did not answer. */
    static int status(Throwable failure) {
        return failure instanceof BlobStorageException storage ? storage.getStatusCode() : -1;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
