package io.github.eventsourcing.azure.demo.bank.web;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.github.eventsourcing.azure.command.CommandIdConflictException;
import io.github.eventsourcing.azure.command.InvalidCommandIdException;
import io.github.eventsourcing.azure.demo.bank.account.AccountAlreadyExistsException;
import io.github.eventsourcing.azure.demo.bank.account.AccountBusyException;
import io.github.eventsourcing.azure.demo.bank.account.AccountNotFoundException;
import io.github.eventsourcing.azure.demo.bank.account.InsufficientFundsException;
import io.github.eventsourcing.azure.demo.bank.account.InterestAlreadyAccruedException;
import io.github.eventsourcing.azure.stream.AppendOutcomeUnknownException;
import io.github.eventsourcing.azure.demo.bank.transfer.TransferFinishedException;
import io.github.eventsourcing.azure.demo.bank.interest.InterestRunNotFoundException;
import io.github.eventsourcing.azure.demo.bank.query.QueryNotFoundException;
import io.github.eventsourcing.azure.demo.bank.transfer.TransferNotFoundException;
import io.github.eventsourcing.azure.stream.BackendUnavailableException;
import io.github.eventsourcing.azure.stream.ConcurrencyConflictException;
import io.github.eventsourcing.azure.stream.InvalidStreamKeyException;
import io.github.eventsourcing.azure.stream.InvalidUnicodeException;
import io.github.eventsourcing.azure.stream.StreamNotFoundException;
import io.github.eventsourcing.azure.web.IdempotencyKeyReusedException;
import io.github.eventsourcing.azure.web.InvalidIdempotencyKeyException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as a JSON problem detail (RFC 9457) whose {@code detail} is a sentence a user can act on, never a stack
 * trace. The starter's own handler answers event-store exceptions in general terms ("stream"); this one speaks of
 * accounts, so it goes first.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(AccountNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AccountNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Account not found", e.getMessage());
    }

    /** A write that required the account found it gone (closed meanwhile). */
    @ExceptionHandler(StreamNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(StreamNotFoundException e) {
        return notFound(new AccountNotFoundException(e.streamId().instanceKey()));
    }

    @ExceptionHandler(TransferNotFoundException.class)
    ResponseEntity<ProblemDetail> transferNotFound(TransferNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Transfer not found", e.getMessage());
    }

    @ExceptionHandler(QueryNotFoundException.class)
    ResponseEntity<ProblemDetail> queryNotFound(QueryNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Query not found", e.getMessage());
    }

    @ExceptionHandler(InterestRunNotFoundException.class)
    ResponseEntity<ProblemDetail> interestRunNotFound(InterestRunNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Interest run not found", e.getMessage());
    }

    /** An id no transfer (or query: they are commands too) can have names no transfer (or query). */
    @ExceptionHandler(InvalidCommandIdException.class)
    ResponseEntity<ProblemDetail> transferNotFound(InvalidCommandIdException e, HttpServletRequest request) {
        return request.getRequestURI().startsWith("/api/queries/")
                ? problem(HttpStatus.NOT_FOUND, "Query not found", "There is no query with this id.")
                : problem(HttpStatus.NOT_FOUND, "Transfer not found", "There is no transfer with this id.");
    }

    @ExceptionHandler(TransferFinishedException.class)
    ResponseEntity<ProblemDetail> transferFinished(TransferFinishedException e) {
        return problem(HttpStatus.CONFLICT, "Transfer finished", e.getMessage());
    }

    /** The Idempotency-Key of an earlier transfer, with another body: a client mistake, never a second transfer. */
    @ExceptionHandler(CommandIdConflictException.class)
    ResponseEntity<ProblemDetail> idempotencyKeyReused(CommandIdConflictException e) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency key reused",
                "This Idempotency-Key was used for a transfer with another body. Use a new key for a new transfer.");
    }

    @ExceptionHandler(AccountAlreadyExistsException.class)
    ResponseEntity<ProblemDetail> alreadyExists(AccountAlreadyExistsException e) {
        return problem(HttpStatus.CONFLICT, "Account already exists", e.getMessage());
    }

    @ExceptionHandler(InterestAlreadyAccruedException.class)
    ResponseEntity<ProblemDetail> alreadyAccrued(InterestAlreadyAccruedException e) {
        return problem(HttpStatus.CONFLICT, "Interest already accrued today", e.getMessage());
    }

    @ExceptionHandler(AccountBusyException.class)
    ResponseEntity<ProblemDetail> busy(AccountBusyException e) {
        return problem(HttpStatus.CONFLICT, "Account busy", e.getMessage());
    }

    /** A conflict that no operation retried (none should escape; if one does, it is still "try again", not a crash). */
    @ExceptionHandler(ConcurrencyConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConcurrencyConflictException e) {
        return busy(new AccountBusyException(e.streamId().instanceKey()));
    }

    @ExceptionHandler(InsufficientFundsException.class)
    ResponseEntity<ProblemDetail> insufficientFunds(InsufficientFundsException e) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "Insufficient funds", e.getMessage());
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    }

    @ExceptionHandler(InvalidStreamKeyException.class)
    ResponseEntity<ProblemDetail> invalidAccountNumber(InvalidStreamKeyException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid account number",
                "This account number cannot be used: " + e.getMessage());
    }

    @ExceptionHandler(InvalidUnicodeException.class)
    ResponseEntity<ProblemDetail> invalidText(InvalidUnicodeException e) {
        // The library refuses text it could not store and publish intact (a lone UTF-16 surrogate); nothing was written.
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    }

    /** The idempotency key's own problems, in the words of the bank's other answers. */
    @ExceptionHandler(InvalidIdempotencyKeyException.class)
    ResponseEntity<ProblemDetail> invalidIdempotencyKey(InvalidIdempotencyKeyException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid idempotency key", e.getMessage());
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ResponseEntity<ProblemDetail> idempotencyKeyReused(IdempotencyKeyReusedException e) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency key reused", e.getMessage());
    }

    @ExceptionHandler(BackendUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(BackendUnavailableException e) {
        log.warn("Storage unavailable", e);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Storage unavailable",
                "The bank's storage cannot be reached right now. Please try again in a moment.");
    }

    /** Not "try again": the change may have been stored, and a blind repeat of a withdrawal could take it twice. */
    @ExceptionHandler(AppendOutcomeUnknownException.class)
    ResponseEntity<ProblemDetail> outcomeUnknown(AppendOutcomeUnknownException e) {
        log.warn("Outcome of a change unknown", e);
        ProblemDetail body = detail(HttpStatus.GATEWAY_TIMEOUT, "Outcome unknown",
                "The bank's storage did not answer in time, so it is not known whether this change was made. Check the "
                        + "account's transactions before repeating it.");
        body.setType(AppendOutcomeUnknownException.PROBLEM_TYPE);
        body.setProperty("outcome", "unknown");
        return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail body = detail(HttpStatus.BAD_REQUEST, "Invalid request",
                "The request body is missing or is not valid JSON with the expected fields" + whatIsWrong(e));
        return handleExceptionInternal(e, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** What Jackson found wrong, in the API's terms; never its own message, which quotes input and class names. */
    private static String whatIsWrong(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
            return ": " + Check.quoted(unknown.getPropertyName()) + " is not one of them "
                    + unknown.getKnownPropertyIds() + ".";
        }
        if (e.getCause() instanceof MismatchedInputException mismatch && fieldOf(mismatch) != null) {
            String field = Check.quoted(fieldOf(mismatch));
            return Number.class.isAssignableFrom(mismatch.getTargetType())
                    ? ": " + field + " must be a JSON number such as 12.50."
                    : ": " + field + " must be a JSON string.";
        }
        if (e.getCause() instanceof StreamConstraintsException) {
            return ": it is too long, too deeply nested, or has a number or text too long for any field.";
        }
        return " (amounts are plain numbers such as 12.50).";
    }

    /** The top-level field whose value has the wrong type, or null when it is not a field's value that is wrong. */
    private static String fieldOf(MismatchedInputException e) {
        return e.getTargetType() == null || e.getPath().size() != 1 ? null : e.getPath().get(0).getFieldName();
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException e,
                                                        HttpHeaders headers, HttpStatusCode status,
                                                        WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        ProblemDetail body = detail(HttpStatus.BAD_REQUEST, "Invalid request",
                Check.quoted(e.getValue()) + " is not a valid value for " + name + hintFor(name));
        return handleExceptionInternal(e, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static String hintFor(String parameter) {
        return switch (parameter == null ? "" : parameter) {
            case "asOf" -> " (expected an ISO-8601 instant such as 2025-01-31T17:00:00Z).";
            case "balanceBelow" -> " (expected an amount such as 100.00).";
            default -> ".";
        };
    }

    /**
     * Every answer of Spring MVC's own exceptions (405, 406, 415, ...) goes through here: with the content type set,
     * the problem is written whatever the request's Accept header says. Left to negotiate, Spring writes an error
     * with no body at all when that header cannot be parsed ({@code Accept: garbage/}).
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.addAll(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return super.createResponseEntity(body, problemHeaders, status, request);
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(detail(status, title, detail));
    }

    private static ProblemDetail detail(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
