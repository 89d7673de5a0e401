package io.github.eventsourcing.azure.notification.internal;

import com.azure.core.models.CloudEvent;
import com.azure.core.models.CloudEventDataFormat;
import com.azure.core.util.BinaryData;
import com.azure.messaging.eventgrid.EventGridPublisherClient;
import com.azure.messaging.eventgrid.EventGridPublisherClientBuilder;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.util.RawValue;
import io.github.eventsourcing.azure.notification.EventGridSchema;
import io.github.eventsourcing.azure.notification.NewEntityNotification;
import io.github.eventsourcing.azure.notification.NewEventNotification;
import io.github.eventsourcing.azure.notification.Notification;
import io.github.eventsourcing.azure.notification.NotificationNames;
import io.github.eventsourcing.azure.notification.NotificationPublishException;
import io.github.eventsourcing.azure.notification.NotificationPublisher;
import io.github.eventsourcing.azure.stream.WriteContext;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Publishes notifications to an Azure Event Grid topic through the SDK's {@link EventGridPublisherClient}, in the
 * EventGridEvent schema (data version {@value Notification#DATA_VERSION}) or the CloudEvents 1.0 schema. Lists are
 * split into requests under the topic's 1 MB limit, keeping their order.
 *
 * <p>The write context's W3C {@code traceparent} and correlation id are in the data of both schemas; CloudEvents
 * also carry them as the extension attributes {@code traceparent} and {@code correlationid}.
 *
 * <p>Why EventGridEvents go through the SDK's custom-event client: the SDK's {@code EventGridEvent} class parses its
 * data into plain Java objects before sending it, which turns decimals into doubles ({@code 100.50} goes out as
 * {@code 100.5}, long decimals lose digits). Event payloads are often money, so this publisher writes the
 * EventGridEvent envelope itself, with the stored event JSON inside exactly as stored, and sends it through
 * {@code EventGridPublisherClient<BinaryData>}: same endpoint, credentials, headers and body shape.
 */
public final class EventGridNotificationPublisher implements NotificationPublisher {

    /** Event Grid accepts at most 1 MB per request (custom topics); this leaves room for the envelope estimate. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 1_000_000;

    /** Bytes a notification's envelope adds to its data (id, type, subject, times, schema fields), generously. */
    private static final int ENVELOPE_BYTES = 400;

    private static final JsonFactory JSON = new JsonFactory();

    private final EventGridPublisherClient<BinaryData> eventGridClient;
    private final EventGridPublisherClient<CloudEvent> cloudEventClient;
    private final int maxRequestBytes;

    private EventGridNotificationPublisher(EventGridPublisherClient<BinaryData> eventGridClient,
                                           EventGridPublisherClient<CloudEvent> cloudEventClient, int maxRequestBytes) {
        if (maxRequestBytes < 64 * 1024) {
            throw new IllegalArgumentException("maxRequestBytes must be at least 64 KiB, was " + maxRequestBytes);
        }
        this.eventGridClient = eventGridClient;
        this.cloudEventClient = cloudEventClient;
        this.maxRequestBytes = maxRequestBytes;
        if (eventGridClient != null) {
            requireVerbatimSerialization();
        }
    }

    /** A publisher for a topic of the given input schema, with a client from the builder. */
    public static EventGridNotificationPublisher create(EventGridPublisherClientBuilder builder, EventGridSchema schema,
                                                        int maxRequestBytes) {
        return schema == EventGridSchema.EVENT_GRID
                ? eventGridSchema(builder.buildCustomEventPublisherClient(), maxRequestBytes)
                : cloudEventsSchema(builder.buildCloudEventPublisherClient(), maxRequestBytes);
    }

    /**
     * A publisher for a topic with the EventGridEvent input schema.
     *
     * @param client the SDK's custom-event client of the topic ({@code buildCustomEventPublisherClient()})
     */
    public static EventGridNotificationPublisher eventGridSchema(EventGridPublisherClient<BinaryData> client,
                                                                 int maxRequestBytes) {
        return new EventGridNotificationPublisher(Objects.requireNonNull(client, "client"), null, maxRequestBytes);
    }

    /** A publisher for a topic with the CloudEvents 1.0 input schema. */
    public static EventGridNotificationPublisher cloudEventsSchema(EventGridPublisherClient<CloudEvent> client,
                                                                   int maxRequestBytes) {
        return new EventGridNotificationPublisher(null, Objects.requireNonNull(client, "client"), maxRequestBytes);
    }

    public EventGridSchema schema() {
        return eventGridClient != null ? EventGridSchema.EVENT_GRID : EventGridSchema.CLOUD_EVENTS;
    }

    @Override
    public void publish(List<? extends Notification> notifications) {
        int published = 0;
        List<Object> request = new ArrayList<>();
        int requestBytes = 0;
        for (Notification notification : notifications) {
            String data = NotificationJson.data(notification);
            int size = data.getBytes(StandardCharsets.UTF_8).length + ENVELOPE_BYTES
                    + notification.subject().length() * 2 + notification.eventType().length() * 2;
            if (!request.isEmpty() && requestBytes + size > maxRequestBytes) {
                send(request, published);
                published += request.size();
                request = new ArrayList<>();
                requestBytes = 0;
            }
            request.add(eventGridClient != null ? eventGridEvent(notification, data) : cloudEvent(notification, data));
            requestBytes += size;
        }
        if (!request.isEmpty()) {
            send(request, published);
        }
    }

    @SuppressWarnings("unchecked")
    private void send(List<Object> request, int publishedBefore) {
        try {
            if (eventGridClient != null) {
                eventGridClient.sendEvents((List<BinaryData>) (List<?>) request);
            } else {
                cloudEventClient.sendEvents((List<CloudEvent>) (List<?>) request);
            }
        } catch (RuntimeException e) {
            throw new NotificationPublishException("Event Grid did not accept " + request.size()
                    + " notification(s): " + e.getMessage(), publishedBefore, e);
        }
    }

    /** The EventGridEvent as JSON, the fields in the order the SDK writes them, with the data verbatim. */
    static BinaryData eventGridEvent(Notification notification, String data) {
        StringWriter out = new StringWriter(data.length() + ENVELOPE_BYTES);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("id", notification.id());
            json.writeStringField("subject", notification.subject());
            json.writeFieldName("data");
            json.writeRawValue(data);
            json.writeStringField("eventType", notification.eventType());
            json.writeStringField("eventTime", notification.time().toString());
            json.writeStringField("dataVersion", Notification.DATA_VERSION);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write an EventGridEvent", e);
        }
        return verbatim(out.toString());
    }

    /** JSON the SDK's (Jackson-based) serializer writes out unchanged. */
    private static BinaryData verbatim(String json) {
        return BinaryData.fromObject(new RawValue(json));
    }

    /**
     * Fails at start-up, not with garbled notifications, when the SDK's JSON serializer is not the Jackson-based
     * default (another {@code azure-core-serializer-json-*} on the class path would not write raw JSON verbatim).
     */
    private static void requireVerbatimSerialization() {
        String probe = "{\"probe\":100.50}";
        if (!probe.equals(verbatim(probe).toString())) {
            throw new IllegalStateException("The Azure SDK's JSON serializer on the class path does not write raw JSON "
                    + "verbatim, so EventGridEvent notifications cannot be published exactly; remove the extra "
                    + "azure-core-serializer-json-* dependency or use the CloudEvents schema");
        }
    }

    static CloudEvent cloudEvent(Notification notification, String data) {
        CloudEvent event = new CloudEvent(cloudEventSource(notification), notification.eventType(),
                BinaryData.fromString(data), CloudEventDataFormat.JSON, "application/json")
                .setId(notification.id())
                .setSubject(notification.subject())
                .setTime(notification.time().atOffset(ZoneOffset.UTC));
        WriteContext context = contextOf(notification);
        if (context != null && context.traceParent() != null) {
            event.addExtensionAttribute("traceparent", context.traceParent());
        }
        if (context != null && context.correlationId() != null) {
            event.addExtensionAttribute("correlationid", context.correlationId());
        }
        return event;
    }

    /** The CloudEvents source: the kind of stream the notification is about, {@code /eventsourcing/{Domain}/{Entity}}. */
    static String cloudEventSource(Notification notification) {
        return "/" + NotificationNames.SUBJECT_PREFIX + "/" + notification.streamId().domain() + "/"
                + notification.streamId().entityType();
    }

    private static WriteContext contextOf(Notification notification) {
        if (notification instanceof NewEventNotification event) {
            return event.context();
        }
        if (notification instanceof NewEntityNotification entity) {
            return entity.context();
        }
        return null;
    }
}
