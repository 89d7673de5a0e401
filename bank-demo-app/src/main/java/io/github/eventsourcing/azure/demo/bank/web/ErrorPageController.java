package io.github.eventsourcing.azure.demo.bank.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page: what the servlet container forwards to for an error raised outside Spring MVC's handlers (a
 * filter's, say), answered as a problem detail whatever the client accepts. Replaces Spring Boot's, whose body is
 * not a problem detail and which answers a request for {@code /error} itself with the status 999.
 */
@RestController
class ErrorPageController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        // Only a forwarded error carries its status; asked for directly, the error page is just not there.
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code && code >= 400
                ? StatusProblems.answered(code) : HttpStatus.NOT_FOUND.value();
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(StatusProblems.of(status));
    }
}
