package io.github.eventsourcing.azure.notification.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventsourcing.azure.notification.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP endpoint an Event Grid subscription delivers notifications to (both schemas), handing them to the
 * {@link NotificationReceiver}.
 *
 * <ul>
 *   <li>Every request must carry the shared secret: in the query parameter of the subscription URL
 *       ({@code ?code=...}, name configurable) or in a configured header (Event Grid can send static delivery
 *       headers). Without it: 401, and nothing else is looked at.</li>
 *   <li>EventGridEvent schema: the subscription validation event
 *       ({@code Microsoft.EventGrid.SubscriptionValidationEvent}) is answered {@code {"validationResponse": code}}.</li>
 *   <li>CloudEvents schema: the abuse-protection handshake ({@code OPTIONS} with {@code WebHook-Request-Origin}) is
 *       answered with {@code WebHook-Allowed-Origin} and {@code WebHook-Allowed-Rate: *}.</li>
 *   <li>Deliveries: a JSON array of EventGridEvents or CloudEvents (or a single CloudEvent). 500 when a listener
 *       failed, so Event Grid delivers again. 400 for a body that is not such a delivery, and for one whose every
 *       notification was refused: malformed, or with an event payload that cannot be bound to a listener's
 *       parameter (Event Grid does not retry a 400, and delivering those again would not change them). Otherwise
 *       200: refused notifications in a delivery with good ones are logged and dropped, the good ones handled.
 *       413 for a body over the size limit. Events that are not this library's notifications (other publishers on
 *       the topic, Event Grid system events) are accepted and ignored.</li>
 * </ul>
 */
public final class EventGridWebhook {

    static final String VALIDATION_EVENT = "Microsoft.EventGrid.SubscriptionValidationEvent";

    private static final Logger log = LoggerFactory.getLogger(EventGridWebhook.class);

    private final NotificationReceiver receiver;
    private final WebhookSecret secret;
    private final String secretParameter;
    private final String secretHeader;
    private final int maxBodyBytes;

    /**
     * @param secretParameter the query parameter carrying the secret (null: none)
     * @param secretHeader    the header carrying the secret (null: none)
     * @param maxBodyBytes    larger bodies are refused with 413
     */
    public EventGridWebhook(NotificationReceiver receiver, String secret, String secretParameter, String secretHeader,
                            int maxBodyBytes) {
        if (isBlank(secretParameter) && isBlank(secretHeader)) {
            throw new IllegalArgumentException("The webhook secret needs a query parameter or a header to travel in");
        }
        this.receiver = receiver;
        this.secret = new WebhookSecret(secret);
        this.secretParameter = isBlank(secretParameter) ? null : secretParameter;
        this.secretHeader = isBlank(secretHeader) ? null : secretHeader;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The routes of this endpoint at the path. */
    public RouterFunction<ServerResponse> routes(String path) {
        return RouterFunctions.route()
                .POST(path, this::deliver)
                .OPTIONS(path, this::handshake)
                .build();
    }

    ServerResponse deliver(ServerRequest request) {
        if (!authorized(request)) {
            return ServerResponse.status(HttpStatus.UNAUTHORIZED).build();
        }
        byte[] body;
        try {
            body = readBody(request);
        } catch (IOException e) {
            return badRequest("The body could not be read: " + e.getMessage());
        }
        if (body == null) {
            return ServerResponse.status(HttpStatus.PAYLOAD_TOO_LARGE).build();
        }
        JsonNode json;
        try {
            json = NotificationJson.TREES.readTree(body);
        } catch (JsonProcessingException e) {
            return badRequest("The body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return badRequest("The body could not be read: " + e.getMessage());
        }
        if (json == null || !(json.isArray() || json.isObject())) {
            return badRequest("The body must be a JSON array of events (or one CloudEvent)");
        }
        List<JsonNode> events = new ArrayList<>();
        (json.isArray() ? json : NotificationJson.TREES.createArrayNode().add(json)).forEach(events::add);
        for (JsonNode event : events) {
            if (!isEventGridEvent(event) && !isCloudEvent(event)) {
                return badRequest("Every event must be an EventGridEvent (with id, eventType, subject and eventTime) "
                        + "or a CloudEvent (with specversion, id, source and type)");
            }
            if (VALIDATION_EVENT.equals(text(event, "eventType"))) {
                return validationResponse(event);
            }
        }
        List<Notification> notifications = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (JsonNode event : events) {
            try {
                Notification notification = NotificationJson.parse(text(event, "id"), event.get("data"));
                if (notification != null) {
                    notifications.add(notification);
                }
            } catch (MalformedNotificationException e) {
                log.warn("Refused a malformed notification: {}", e.getMessage());
                refusals.add(e.getMessage());
            }
        }
        try {
            receiver.receive(notifications).forEach(id -> refusals.add("Notification " + id
                    + " has a payload that cannot be bound to a listener's parameter"));
        } catch (NotificationHandlingException e) {
            return ServerResponse.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.TEXT_PLAIN)
                    .body("A notification listener failed; deliver again");
        }
        // Event Grid does not deliver a 400 again. Refused items of a delivery that had good ones were logged; a 400
        // for the delivery would make Event Grid dead-letter the good ones too, and a 500 would bring back the bad.
        if (!refusals.isEmpty() && refusals.size() == events.size()) {
            return badRequest(String.join("\n", refusals));
        }
        return ServerResponse.ok().build();
    }

    /** An EventGridEvent has these fields (the subscription validation event too). */
    private static boolean isEventGridEvent(JsonNode event) {
        return hasText(event, "id") && hasText(event, "eventType") && hasText(event, "subject")
                && hasText(event, "eventTime");
    }

    /** A CloudEvent 1.0 has these attributes. */
    private static boolean isCloudEvent(JsonNode event) {
        return hasText(event, "specversion") && hasText(event, "id") && hasText(event, "source")
                && hasText(event, "type");
    }

    private static boolean hasText(JsonNode event, String field) {
        return event.path(field).isTextual();
    }

    ServerResponse handshake(ServerRequest request) {
        if (!authorized(request)) {
            return ServerResponse.status(HttpStatus.UNAUTHORIZED).build();
        }
        String origin = request.headers().firstHeader("WebHook-Request-Origin");
        if (isBlank(origin)) {
            return badRequest("An OPTIONS request must be the CloudEvents webhook handshake (WebHook-Request-Origin)");
        }
        return ServerResponse.ok().header("WebHook-Allowed-Origin", origin).header("WebHook-Allowed-Rate", "*").build();
    }

    private boolean authorized(ServerRequest request) {
        String fromQuery = secretParameter == null ? null : request.param(secretParameter).orElse(null);
        String fromHeader = secretHeader == null ? null : request.headers().firstHeader(secretHeader);
        // Both are checked (no short cut), so the time taken does not tell which one was present.
        boolean queryMatches = secret.matches(fromQuery);
        boolean headerMatches = secret.matches(fromHeader);
        return queryMatches || headerMatches;
    }

    private ServerResponse validationResponse(JsonNode event) {
        String code = text(event.path("data"), "validationCode");
        if (isBlank(code)) {
            return badRequest("The subscription validation event has no validationCode");
        }
        log.info("Answered the Event Grid subscription validation for {}", text(event, "topic"));
        String response = NotificationJson.TREES.createObjectNode().put("validationResponse", code).toString();
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(response);
    }

    /** The body, or null when it is over the limit. */
    private byte[] readBody(ServerRequest request) throws IOException {
        try (InputStream in = request.servletRequest().getInputStream()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            return body.length > maxBodyBytes ? null : body;
        }
    }

    private static ServerResponse badRequest(String reason) {
        log.debug("Refused a webhook delivery: {}", reason);
        return ServerResponse.badRequest().contentType(MediaType.TEXT_PLAIN).body(reason);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
