package io.github.eventsourcing.azure.demo.bank.web;

import io.github.eventsourcing.azure.stream.WriteContext;
import jakarta.servlet.http.HttpServletRequest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

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
        return new WriteContext(
                user(request),
                Check.optionalText("source", source, Check.MAX_NAME_LENGTH),
                Check.optionalText("commentary", commentary, Check.MAX_COMMENT_LENGTH),
                Check.optionalText("correlation id (" + CORRELATION_HEADER + ")",
                        utf8Header(request, CORRELATION_HEADER), Check.MAX_NAME_LENGTH),
                null,
                Check.optionalText("traceparent", utf8Header(request, TRACE_PARENT_HEADER), Check.MAX_NAME_LENGTH));
    }

    /** Who sends the request: the authenticated user, else the {@code X-User} header; null for neither. */
    static String user(HttpServletRequest request) {
        String who = request.getUserPrincipal() != null ? request.getUserPrincipal().getName()
                : utf8Header(request, USER_HEADER);
        return Check.optionalText("user (" + USER_HEADER + ")", who, Check.MAX_NAME_LENGTH);
    }

    static WriteContext of(HttpServletRequest request, String commentary) {
        return of(request, commentary, null);
    }

    /**
     * A header's value read as UTF-8. Tomcat turns each byte of a header into one char (ISO-8859-1), so "Zoë" sent
     * as UTF-8 arrives as "ZoÃ«"; the bytes are taken back and decoded strictly, and a value that is not UTF-8 is
     * refused rather than stored garbled. A value with chars beyond one byte was not read that way (a test's mock
     * request, say) and is taken as it is.
     */
    private static String utf8Header(HttpServletRequest request, String name) {
        String value = request.getHeader(name);
        if (value == null || value.chars().anyMatch(c -> c > 0xFF)) {
            return value;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException("The header " + name + " must be text in UTF-8.");
        }
    }
}
