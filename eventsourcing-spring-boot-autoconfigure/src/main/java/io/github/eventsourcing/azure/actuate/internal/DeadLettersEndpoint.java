package io.github.eventsourcing.azure.actuate.internal;

import io.github.eventsourcing.azure.notification.DeadLetters;
import io.github.eventsourcing.azure.spi.DeadLetter;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The notifications set aside as dead letters: {@code GET /actuator/eventsourcingdeadletters} lists them,
 * {@code GET .../{id}} shows one, and {@code POST .../{id}} with {@code {"action":"retry"}} or
 * {@code {"action":"skip"}} retries or skips it (see {@link DeadLetters}). Like every Actuator endpoint, it is
 * reachable over HTTP only once exposed ({@code management.endpoints.web.exposure.include}); secure it like the others.
 */
@Endpoint(id = DeadLettersEndpoint.ID)
public class DeadLettersEndpoint {

    public static final String ID = "eventsourcingdeadletters";

    private final DeadLetters deadLetters;

    public DeadLettersEndpoint(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @ReadOperation
    public Map<String, Object> deadLetters() {
        return Map.of("deadLetters", deadLetters.list().stream().map(DeadLettersEndpoint::describe).toList());
    }

    @ReadOperation
    public WebEndpointResponse<Map<String, Object>> deadLetter(@Selector String id) {
        return answer(deadLetters.find(id));
    }

    /** Retries or skips the dead letter: 200 with it, 404 when there is none with the id, 400 for another action. */
    @WriteOperation
    public WebEndpointResponse<Map<String, Object>> release(@Selector String id, String action) {
        if ("retry".equals(action)) {
            return answer(deadLetters.retry(id));
        }
        if ("skip".equals(action)) {
            return answer(deadLetters.skip(id));
        }
        return new WebEndpointResponse<>(Map.of("error", "action must be \"retry\" or \"skip\", was "
                + (action == null ? "missing" : "\"" + action + "\"")), WebEndpointResponse.STATUS_BAD_REQUEST);
    }

    private static WebEndpointResponse<Map<String, Object>> answer(Optional<DeadLetter> letter) {
        return letter.map(found -> new WebEndpointResponse<>(describe(found)))
                .orElseGet(() -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND));
    }

    static Map<String, Object> describe(DeadLetter letter) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("id", letter.id());
        described.put("kind", letter.kind());
        described.put("domain", letter.stream().domain());
        described.put("entityType", letter.stream().entityType());
        described.put("instanceKey", letter.stream().instanceKey());
        described.put("fromSequence", letter.fromSequence());
        described.put("toSequence", letter.toSequence());
        described.put("attempts", letter.attempts());
        described.put("lastError", letter.lastError());
        described.put("firstFailedAt", letter.firstFailedAt().toString());
        described.put("lastFailedAt", letter.lastFailedAt().toString());
        return described;
    }
}
