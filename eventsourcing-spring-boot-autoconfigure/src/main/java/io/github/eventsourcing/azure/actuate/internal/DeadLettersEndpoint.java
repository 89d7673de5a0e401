package io.github.eventsourcing.azure.actuate.internal;

import io.github.eventsourcing.azure.deadletter.DeadLetters;
import io.github.eventsourcing.azure.spi.DeadLetter;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import java.util.Map;
import java.util.Optional;

/**
 * The dead-letter record, every kind: {@code GET /actuator/eventsourcingdeadletters} lists the letters,
 * {@code GET .../{id}} shows one, and {@code POST .../{id}} with {@code {"action":"retry"}} or
 * {@code {"action":"skip"}} retries or skips it as its kind says (see {@link DeadLetters}). Like every Actuator endpoint, it is
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
        return Map.of("deadLetters", deadLetters.list().stream().map(DeadLetterDetails::describe).toList());
    }

    @ReadOperation
    public WebEndpointResponse<Map<String, Object>> deadLetter(@Selector String id) {
        return answer(deadLetters.find(id));
    }

    /**
     * Retries or skips the dead letter: 200 with it, 404 when there is none with the id, 400 for another action, 409
     * when this application does not handle the letter's kind.
     */
    @WriteOperation
    public WebEndpointResponse<Map<String, Object>> release(@Selector String id, String action) {
        if (!"retry".equals(action) && !"skip".equals(action)) {
            return new WebEndpointResponse<>(Map.of("error", "action must be \"retry\" or \"skip\", was "
                    + (action == null ? "missing" : "\"" + action + "\"")), WebEndpointResponse.STATUS_BAD_REQUEST);
        }
        try {
            return answer("retry".equals(action) ? deadLetters.retry(id) : deadLetters.skip(id));
        } catch (IllegalStateException notHandledHere) {
            return new WebEndpointResponse<>(Map.of("error", String.valueOf(notHandledHere.getMessage())), 409);
        }
    }

    private static WebEndpointResponse<Map<String, Object>> answer(Optional<DeadLetter> letter) {
        return letter.map(found -> new WebEndpointResponse<>(DeadLetterDetails.describe(found)))
                .orElseGet(() -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND));
    }
}
