package io.github.eventsourcing.azure.demo.bank.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The safety net: an error nothing else answers is a 500 problem that names nothing internal. It stays at the default
 * order, after the starter's handler, because Spring takes the first advice with any matching handler: in
 * {@link ApiErrors}, which goes first, this catch-all would also answer the event store's exceptions that the bank does
 * not word itself (an event id conflict, a stored format too new), as 500.
 */
@RestControllerAdvice
class UnexpectedErrors {

    private static final Logger log = LoggerFactory.getLogger(UnexpectedErrors.class);

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error", e);
        return ApiErrors.problem(HttpStatus.INTERNAL_SERVER_ERROR, "Unexpected error", StatusProblems.UNEXPECTED);
    }
}
