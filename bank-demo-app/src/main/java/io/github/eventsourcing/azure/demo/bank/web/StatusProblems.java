package io.github.eventsourcing.azure.demo.bank.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The problem detail for an error known only by its status: one the servlet container raised itself (a path or a
 * header it cannot read) or one that reached the error page. The sentences name no part of the request, so that
 * nothing a client sent is echoed back.
 */
final class StatusProblems {

    static final String UNEXPECTED = "Something went wrong on our side; nothing you did caused it. Please try again.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusProblems() {
    }

    /**
     * The status to answer for one the container chose. 501 is Tomcat's answer to CONNECT and the servlet API's to
     * a method it does not know: for this API both are a method the address does not take (405), not a server
     * that fails.
     */
    static int answered(int statusCode) {
        return statusCode == HttpStatus.NOT_IMPLEMENTED.value() ? HttpStatus.METHOD_NOT_ALLOWED.value() : statusCode;
    }

    static ProblemDetail of(int statusCode) {
        return ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(statusCode), detailFor(statusCode));
    }

    /** The problem as application/problem+json, for code that writes the response without Spring MVC. */
    static String json(int statusCode) {
        ProblemDetail problem = of(statusCode);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", problem.getType().toString());
        fields.put("title", problem.getTitle());
        fields.put("status", problem.getStatus());
        fields.put("detail", problem.getDetail());
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A map of strings is always JSON", e);
        }
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 400 -> "The request is malformed: its address, a header or its body cannot be read.";
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not take this method.";
            case 408 -> "The request took too long to arrive.";
            case 413, 431 -> "The request, or one of its headers, is too large.";
            case 415 -> "The request's Content-Type is not one this address reads (it reads application/json).";
            default -> status >= 500 ? UNEXPECTED : "The request cannot be answered (HTTP " + status + ").";
        };
    }
}
