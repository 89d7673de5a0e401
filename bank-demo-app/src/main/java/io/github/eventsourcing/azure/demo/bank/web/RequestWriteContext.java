package io.github.eventsourcing.azure.demo.bank.web;

import io.github.eventsourcing.azure.stream.WriteContext;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The write context stored with the events a request writes: who (the authenticated user, else the {@code X-User}
 * header), the source and commentary the request gave, and the correlation id and W3C trace parent it carried.
 */
final class RequestWriteContext {

    static final String USER_HEADER = "X-User";
    static final String CORRELATION_HEADER = "X-Correlation-Id";
    static final String TRACE_PARENT_HEADER = "traceparent";

    private RequestWriteContext() {
    }

    static WriteContext of(HttpServletRequest request, String commentary, String source) {
        String who = request.getUserPrincipal() != null ? request.getUserPrincipal().getName()
                : request.getHeader(USER_HEADER);
        return new WriteContext(
                Check.optionalText("user (" + USER_HEADER + ")", who, Check.MAX_NAME_LENGTH),
                Check.optionalText("source", source, Check.MAX_NAME_LENGTH),
                Check.optionalText("commentary", commentary, Check.MAX_COMMENT_LENGTH),
                Check.optionalText("correlation id (" + CORRELATION_HEADER + ")", request.getHeader(CORRELATION_HEADER),
                        Check.MAX_NAME_LENGTH),
                null,
                Check.optionalText("traceparent", request.getHeader(TRACE_PARENT_HEADER), Check.MAX_NAME_LENGTH));
    }

    static WriteContext of(HttpServletRequest request, String commentary) {
        return of(request, commentary, null);
    }
}
