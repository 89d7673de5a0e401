package io.github.eventsourcing.azure.web.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.web.IdempotentRequest;
import io.github.eventsourcing.azure.web.IdempotentRequests;
import io.github.eventsourcing.azure.web.InvalidIdempotencyKeyException;
import io.github.eventsourcing.azure.web.OriginalWrite;
import io.github.eventsourcing.azure.web.RequestUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The auto-configured {@link IdempotentRequests}. */
public final class DefaultIdempotentRequests implements IdempotentRequests {

    /** A request without a key: the write just runs. */
    private static final IdempotentRequest WITHOUT_KEY = new IdempotentRequest() {

        @Override
        public Optional<String> key() {
            return Optional.empty();
        }

        @Override
        public Optional<String> scopedName() {
            return Optional.empty();
        }

        @Override
        public <T> T run(EventStream stream, Object request, Function<OriginalWrite, T> replay,
                         Function<EventStream, T> write) {
            return write.apply(stream);
        }
    };

    private final RequestUser user;
    private final RequestFingerprint fingerprints;

    /**
     * @param user          names the user of a request
     * @param storageMapper the storage {@code ObjectMapper}, whose fixed settings keep stored fingerprints comparable
     */
    public DefaultIdempotentRequests(RequestUser user, ObjectMapper storageMapper) {
        this.user = user;
        this.fingerprints = new RequestFingerprint(storageMapper);
    }

    @Override
    public IdempotentRequest of(HttpServletRequest request) {
        List<String> headers = Collections.list(request.getHeaders(IdempotentRequest.HEADER));
        if (headers.isEmpty()) {
            return WITHOUT_KEY;
        }
        if (headers.size() > 1) {
            throw new InvalidIdempotencyKeyException("The " + IdempotentRequest.HEADER
                    + " header is given more than once; send one key.");
        }
        // The handler's URI template, not the path: all accounts' deposits share one route; the stream tells them
        // apart.
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = pattern != null ? pattern.toString() : request.getRequestURI();
        return keyed(IdempotencyKeyHeader.parse(headers.get(0)), user.of(request), request.getMethod(), route);
    }

    @Override
    public IdempotentRequest of(String key, String user, String method, String route) {
        return key == null ? WITHOUT_KEY : keyed(IdempotencyKeyHeader.requireValid(key), user, method, route);
    }

    private IdempotentRequest keyed(String key, String user, String method, String route) {
        return new KeyedRequest(new IdempotencyScope(key, user, method, route), fingerprints);
    }
}
