package io.github.eventsourcing.azure.web.internal;

import io.github.eventsourcing.azure.stream.AppendOutcomeUnknownException;
import io.github.eventsourcing.azure.stream.AppendTooLargeException;
import io.github.eventsourcing.azure.stream.BackendUnavailableException;
import io.github.eventsourcing.azure.stream.ConcurrencyConflictException;
import io.github.eventsourcing.azure.stream.EventIdConflictException;
import io.github.eventsourcing.azure.stream.EventStoreException;
import io.github.eventsourcing.azure.stream.EventTooLargeException;
import io.github.eventsourcing.azure.stream.InvalidStreamKeyException;
import io.github.eventsourcing.azure.stream.InvalidUnicodeException;
import io.github.eventsourcing.azure.stream.StreamAlreadyExistsException;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.StreamNotFoundException;
import io.github.eventsourcing.azure.stream.StreamRecreatedDuringReadException;
import io.github.eventsourcing.azure.stream.UnsupportedStoredFormatException;
import io.github.eventsourcing.azure.web.IdempotencyKeyReusedException;
import io.github.eventsourcing.azure.web.InvalidIdempotencyKeyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the event store's exceptions with an RFC 9457 problem detail and the status that tells the client what
 * happened:
 * <table>
 *   <caption>Exception to status</caption>
 *   <tr><td>{@link InvalidStreamKeyException}, {@link InvalidUnicodeException},
 *       {@link InvalidIdempotencyKeyException}</td><td>400 Bad Request</td></tr>
 *   <tr><td>{@link StreamNotFoundException}</td><td>404 Not Found</td></tr>
 *   <tr><td>{@link ConcurrencyConflictException}, {@link StreamAlreadyExistsException},
 *       {@link EventIdConflictException}</td><td>409 Conflict</td></tr>
 *   <tr><td>{@link EventTooLargeException}, {@link AppendTooLargeException}</td><td>413 Content Too Large</td></tr>
 *   <tr><td>{@link IdempotencyKeyReusedException}</td><td>422 Unprocessable Content</td></tr>
 *   <tr><td>{@link BackendUnavailableException} (nothing was written)</td><td>503 Service Unavailable (details only
 *       in the log)</td></tr>
 *   <tr><td>{@link AppendOutcomeUnknownException} (whether it was written is unknown)</td><td>504 Gateway Timeout, type
 *       {@link AppendOutcomeUnknownException#PROBLEM_TYPE}, {@code "outcome": "unknown"} (details only in the
 *       log)</td></tr>
 * </table>
 * Ordered at {@link #ORDER}, just before the lowest precedence. An application's advice ordered before it (e.g.
 * {@code @Order(Ordered.HIGHEST_PRECEDENCE)}) handles these exceptions its own way. An advice left at the default
 * order comes after it, so a catch-all {@code @ExceptionHandler(Exception.class)} there does not swallow them: Spring
 * asks the advices in order and takes the first that has any matching handler. At an equal order the application's
 * advice would come first, so no catch-all could be placed after this one. Switch it off with
 * {@code eventsourcing.web.problem-details.enabled=false}, or replace it with a bean of a subclass that overrides
 * {@link #problem}.
 */
@RestControllerAdvice
@Order(EventStoreExceptionHandler.ORDER)
public class EventStoreExceptionHandler {

    /** The order of this advice: before advices at the default order, after those that set an order below it. */
    public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 100;

    private static final Logger log = LoggerFactory.getLogger(EventStoreExceptionHandler.class);

    @ExceptionHandler(InvalidStreamKeyException.class)
    public ResponseEntity<ProblemDetail> invalidStreamKey(InvalidStreamKeyException exception) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid stream address", exception, null);
    }

    @ExceptionHandler(InvalidUnicodeException.class)
    public ResponseEntity<ProblemDetail> invalidUnicode(InvalidUnicodeException exception) {
        return problem(HttpStatus.BAD_REQUEST, "Text is not valid Unicode", exception, null);
    }

    @ExceptionHandler(InvalidIdempotencyKeyException.class)
    public ResponseEntity<ProblemDetail> invalidIdempotencyKey(InvalidIdempotencyKeyException exception) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid idempotency key", exception, null);
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    public ResponseEntity<ProblemDetail> idempotencyKeyReused(IdempotencyKeyReusedException exception) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency key reused", exception, null);
    }

    @ExceptionHandler(StreamNotFoundException.class)
    public ResponseEntity<ProblemDetail> streamNotFound(StreamNotFoundException exception) {
        return problem(HttpStatus.NOT_FOUND, "Stream not found", exception, exception.streamId());
    }

    @ExceptionHandler(ConcurrencyConflictException.class)
    public ResponseEntity<ProblemDetail> concurrencyConflict(ConcurrencyConflictException exception) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.CONFLICT, "Concurrent change", exception,
                exception.streamId());
        if (response.getBody() != null) {
            response.getBody().setProperty("expectedVersion", exception.expectedVersion());
            response.getBody().setProperty("actualVersion", exception.actualVersion());
        }
        return response;
    }

    @ExceptionHandler(StreamAlreadyExistsException.class)
    public ResponseEntity<ProblemDetail> streamAlreadyExists(StreamAlreadyExistsException exception) {
        return problem(HttpStatus.CONFLICT, "Stream already exists", exception, exception.streamId());
    }

    @ExceptionHandler(StreamRecreatedDuringReadException.class)
    public ResponseEntity<ProblemDetail> streamRecreatedDuringRead(StreamRecreatedDuringReadException exception) {
        return problem(HttpStatus.CONFLICT, "Stream re-created while read", exception, exception.streamId());
    }

    @ExceptionHandler(EventIdConflictException.class)
    public ResponseEntity<ProblemDetail> eventIdConflict(EventIdConflictException exception) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.CONFLICT, "Event id conflict", exception, null);
        if (response.getBody() != null) {
            response.getBody().setProperty("eventIds", exception.eventIds());
        }
        return response;
    }

    @ExceptionHandler({EventTooLargeException.class, AppendTooLargeException.class})
    public ResponseEntity<ProblemDetail> tooLarge(EventStoreException exception) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Too large to store", exception, null);
    }

    @ExceptionHandler(BackendUnavailableException.class)
    public ResponseEntity<ProblemDetail> backendUnavailable(BackendUnavailableException exception) {
        // The cause may describe the storage account's internals: the client learns only that it may retry.
        log.warn("Event store unavailable: {}", exception.getMessage(), exception);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The event store is unavailable; try again later");
        body.setTitle("Event store unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    @ExceptionHandler(AppendOutcomeUnknownException.class)
    public ResponseEntity<ProblemDetail> appendOutcomeUnknown(AppendOutcomeUnknownException exception) {
        // Not a 503: that says "nothing happened, try again", and here the write may well have happened. The client
        // learns that, and that repeating it with the same event ids is safe; storage details stay in the log.
        log.warn("Outcome of an append unknown: {}", exception.getMessage(), exception);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.GATEWAY_TIMEOUT,
                "The event store did not answer in time, so whether the change was stored is unknown. It may have been "
                        + "stored. Repeating it with the same event ids is safe: a stored change is not stored twice");
        body.setType(AppendOutcomeUnknownException.PROBLEM_TYPE);
        body.setTitle("Outcome unknown");
        body.setProperty("outcome", "unknown");
        body.setProperty("streamId", exception.streamId().toString());
        body.setProperty("eventIds", exception.eventIds());
        return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT).body(body);
    }

    @ExceptionHandler(UnsupportedStoredFormatException.class)
    public ResponseEntity<ProblemDetail> newerStoredFormat(UnsupportedStoredFormatException exception) {
        // Only the operator can act (by upgrading the library), and the message names storage internals: it goes to
        // the log, the client learns that the service cannot read its data.
        log.error("Stored data is in a newer format than this version reads: {}", exception.getMessage());
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The event store holds data written by a newer version of this service, which this version cannot read");
        body.setTitle("Stored in a newer format");
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(body);
    }

    /**
     * The response for one exception: override to change the body or status of all of them.
     *
     * @param streamId the stream concerned, when the exception names one
     */
    protected ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, EventStoreException exception,
                                                    StreamId streamId) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, exception.getMessage());
        body.setTitle(title);
        if (streamId != null) {
            body.setProperty("streamId", streamId.toString());
        }
        return ResponseEntity.status(status).body(body);
    }
}
