package io.github.eventsourcing.azure.table.internal;

import com.azure.core.exception.HttpResponseException;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.TableServiceException;
import io.github.eventsourcing.azure.stream.AppendTooLargeException;
import io.github.eventsourcing.azure.stream.BackendUnavailableException;
import io.github.eventsourcing.azure.stream.EventStoreException;
import io.github.eventsourcing.azure.stream.internal.AppendOutcomeCheck;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Azure's errors and turns the ones the store does not handle into the event store's exceptions, with messages
 * built from the status and error code only, so that no credential (a SAS signature in a URL, say) reaches a log.
 */
final class TableFailures {

    static final String TABLE_NOT_FOUND = "TableNotFound";

    /** Error codes that say the partition is not in the state an operation required: the caller diagnoses these. */
    private static final Set<String> STATE_CONFLICTS = Set.of("EntityAlreadyExists", "ResourceNotFound",
            "EntityNotFound", "UpdateConditionNotSatisfied");

    private static final Set<String> MISSING_ROW = Set.of("ResourceNotFound", "EntityNotFound", TABLE_NOT_FOUND);

    private static final Set<String> TOO_LARGE = Set.of("EntityTooLarge", "PropertyValueTooLarge", "KeyValueTooLarge",
            "RequestBodyTooLarge", "ContentLengthExceeded", "TooManyProperties");

    private static final Pattern CODE_IN_BODY = Pattern.compile("\"code\"\\s*:\\s*\"([A-Za-z]+)\"");
    private static final Pattern SECRETS = Pattern.compile("(?i)(sig|AccountKey|SharedAccessSignature)=[^&;\\s\"']+");

    private TableFailures() {
    }

    static boolean isStateConflict(String errorCode) {
        return errorCode != null && STATE_CONFLICTS.contains(errorCode);
    }

    static boolean isTooLarge(String errorCode) {
        return errorCode != null && TOO_LARGE.contains(errorCode);
    }

    /** Azure's error code of a failed call, or null when the call failed before Azure answered. */
    static String errorCode(RuntimeException failure) {
        if (failure instanceof TableServiceException tableError && tableError.getValue() != null
                && tableError.getValue().getErrorCode() != null) {
            return tableError.getValue().getErrorCode().toString();
        }
        if (failure instanceof HttpResponseException httpError) {
            if (httpError.getResponse() != null) {
                String header = httpError.getResponse().getHeaderValue("x-ms-error-code");
                if (header != null) {
                    return header;
                }
            }
            Matcher code = CODE_IN_BODY.matcher(String.valueOf(httpError.getMessage()));
            return code.find() ? code.group(1) : null;
        }
        return null;
    }

    static int status(Throwable failure) {
        return failure instanceof HttpResponseException httpError && httpError.getResponse() != null
                ? httpError.getResponse().getStatusCode() : -1;
    }

    /**
     * Whether a point read found no row (or no table). Only Azure's own error codes count: a 404 from something else
     * at the endpoint (a wrong path, a proxy) is a failure, not an empty stream.
     */
    static boolean isMissingRow(RuntimeException failure) {
        return status(failure) == 404 && MISSING_ROW.contains(String.valueOf(errorCode(failure)));
    }

    static boolean isTableNotFound(RuntimeException failure) {
        return TABLE_NOT_FOUND.equals(errorCode(failure));
    }

    /**
     * A write to a table that is made on first use (dead letters, the change index): when the table is not there
     * yet, it is created and the write tried once more. Any other failure, and a failure of that second try, is
     * {@linkplain #translate translated}.
     */
    static void writeCreatingTable(TableServiceClient service, TableClient table, Runnable write, String endpoint,
                                   String what) {
        try {
            write.run();
        } catch (RuntimeException failure) {
            if (!isTableNotFound(failure)) {
                throw translate(failure, endpoint, what, true);
            }
            try {
                service.createTableIfNotExists(table.getTableName());
                write.run();
            } catch (RuntimeException again) {
                throw translate(again, endpoint, what, true);
            }
        }
    }

    /**
     * The event store's exception for a failure nothing else handles.
     *
     * @param endpoint the service endpoint, named in messages
     * @param what     what was attempted, e.g. "reading stream Bank/Account/A-1"
     * @param write    whether the call may have changed data, so the message says what a caller can do
     */
    static EventStoreException translate(RuntimeException failure, String endpoint, String what, boolean write) {
        if (failure instanceof EventStoreException alreadyTranslated) {
            return alreadyTranslated;
        }
        int status = status(failure);
        String code = errorCode(failure);
        String answer = status > 0 ? "HTTP " + status + (code == null ? "" : " " + code)
                : code == null ? "no answer" : "error " + code;
        if (status == 413 || isTooLarge(code)) {
            return new AppendTooLargeException("Azure Table storage refused " + what + " as too large (" + answer
                    + "); nothing was written");
        }
        if (status == 401 || status == 403) {
            return new BackendUnavailableException("Azure Table storage at " + endpoint + " refused the credentials "
                    + "while " + what + " (" + answer + "); check the account, key, SAS token or role assignment",
                    failure);
        }
        if (status == 408 || status == 429 || status >= 500
                || (status < 0 && code == null && AppendOutcomeCheck.isTransportFailure(failure))) {
            String outcome = write ? " The write may or may not have taken effect; repeating it (an append with the"
                    + " same event ids) is safe." : "";
            return new BackendUnavailableException("Azure Table storage at " + endpoint + " is unavailable while "
                    + what + " (" + (status > 0 || code != null ? answer : describe(failure)) + ", after the client's "
                    + "retries)." + outcome, failure);
        }
        if (status > 0 || code != null) {
            return new EventStoreException("Azure Table storage rejected " + what + " (" + answer + ")", failure);
        }
        return new EventStoreException("The Azure Table client failed while " + what + ": " + describe(failure),
                failure);
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + SECRETS.matcher(root.getMessage()).replaceAll("$1=REDACTED");
        return root.getClass().getSimpleName() + message;
    }
}
