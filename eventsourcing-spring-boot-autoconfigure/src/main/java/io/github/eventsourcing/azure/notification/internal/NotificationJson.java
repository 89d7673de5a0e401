package io.github.eventsourcing.azure.notification.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.eventsourcing.azure.notification.ClassificationCompletedNotification;
import io.github.eventsourcing.azure.notification.DeletedEntityNotification;
import io.github.eventsourcing.azure.notification.NewEntityNotification;
import io.github.eventsourcing.azure.notification.NewEventNotification;
import io.github.eventsourcing.azure.notification.Notification;
import io.github.eventsourcing.azure.notification.NotificationKind;
import io.github.eventsourcing.azure.notification.ProjectionCompletedNotification;
import io.github.eventsourcing.azure.notification.QueryCompletedNotification;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The {@code data} of a notification as JSON: camelCase fields, absent when null, in a fixed order. The same data
 * goes into both schemas (EventGridEvent {@code data}, CloudEvents {@code data}).
 *
 * <pre>
 * every kind       kind, domain, entityType, instanceKey
 * NewEntity        createdAt, commentary, who, source, correlationId, causationId, traceParent
 * DeletedEntity    deletedAt, version
 * NewEvent         eventType (the business name), eventId, sequenceNumber, schemaVersion, writtenAt,
 *                  commentary, who, source, correlationId, causationId, traceParent, eventPayload (the event's JSON)
 * Projection...    projectionName, asOfSequence, asOfTime, completedAt, state (the projection's JSON)
 * Classification.. classificationName, included, wasEverIncluded, wasEverExcluded, asOfSequence, asOfTime,
 *                  completedAt, parameters (a JSON object)
 * QueryCompleted   queryType, completedAt, result (the query's result JSON)
 * </pre>
 * Times are ISO-8601 instants in UTC ({@code 2026-11-27T10:15:30.123Z}).
 */
final class NotificationJson {

    /** Reads delivered JSON keeping decimals exact ({@code 100.50} stays {@code 100.50}, never a double). */
    static final ObjectMapper TREES = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private static final JsonFactory FACTORY = TREES.getFactory();

    private NotificationJson() {
    }

    static String data(Notification notification) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            StreamId id = notification.streamId();
            json.writeStringField("kind", notification.kind().wireName());
            json.writeStringField("domain", id.domain());
            json.writeStringField("entityType", id.entityType());
            json.writeStringField("instanceKey", id.instanceKey());
            if (notification instanceof NewEntityNotification n) {
                instant(json, "createdAt", n.createdAt());
                context(json, n.context());
            } else if (notification instanceof DeletedEntityNotification n) {
                instant(json, "deletedAt", n.deletedAt());
                json.writeNumberField("version", n.version());
            } else if (notification instanceof NewEventNotification n) {
                json.writeStringField("eventType", n.eventName());
                string(json, "eventId", n.eventId());
                json.writeNumberField("sequenceNumber", n.sequence());
                json.writeNumberField("schemaVersion", n.schemaVersion());
                instant(json, "writtenAt", n.writtenAt());
                context(json, n.context());
                raw(json, "eventPayload", n.eventJson());
            } else if (notification instanceof ProjectionCompletedNotification n) {
                json.writeStringField("projectionName", n.projectionName());
                json.writeNumberField("asOfSequence", n.asOfSequence());
                instant(json, "asOfTime", n.asOfTime());
                instant(json, "completedAt", n.completedAt());
                raw(json, "state", n.stateJson());
            } else if (notification instanceof ClassificationCompletedNotification n) {
                json.writeStringField("classificationName", n.classificationName());
                json.writeBooleanField("included", n.included());
                json.writeBooleanField("wasEverIncluded", n.wasEverIncluded());
                json.writeBooleanField("wasEverExcluded", n.wasEverExcluded());
                json.writeNumberField("asOfSequence", n.asOfSequence());
                instant(json, "asOfTime", n.asOfTime());
                instant(json, "completedAt", n.completedAt());
                raw(json, "parameters", n.parametersJson());
            } else if (notification instanceof QueryCompletedNotification n) {
                json.writeStringField("queryType", n.queryType());
                instant(json, "completedAt", n.completedAt());
                raw(json, "result", n.resultJson());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write notification data", e);
        }
        return out.toString();
    }

    /**
     * The notification an Event Grid delivery carries, or null when the data is not one of this library's
     * notifications (another publisher on the same topic).
     *
     * @throws MalformedNotificationException when it claims to be one but a required field is missing or invalid
     */
    static Notification parse(String id, JsonNode data) {
        if (data == null || !data.isObject() || !data.hasNonNull("domain") || !data.hasNonNull("entityType")
                || !data.hasNonNull("instanceKey")) {
            return null;
        }
        NotificationKind kind = kindOf(data);
        if (kind == null) {
            return null;
        }
        if (id == null || id.isEmpty()) {
            throw new MalformedNotificationException("A notification has no id");
        }
        StreamId streamId;
        try {
            streamId = StreamId.of(data.get("domain").asText(), data.get("entityType").asText(),
                    data.get("instanceKey").asText());
        } catch (RuntimeException e) {
            throw new MalformedNotificationException("Notification " + id + " names an invalid stream: " + e.getMessage());
        }
        return switch (kind) {
            case NEW_ENTITY -> new NewEntityNotification(id, streamId, requiredInstant(id, data, "createdAt"), context(data));
            case DELETED_ENTITY -> new DeletedEntityNotification(id, streamId, requiredInstant(id, data, "deletedAt"),
                    data.path("version").asLong());
            case NEW_EVENT -> new NewEventNotification(id, streamId, requiredText(id, data, "eventType"),
                    text(data, "eventId"), requiredLong(id, data, "sequenceNumber"), data.path("schemaVersion").asInt(1),
                    requiredInstant(id, data, "writtenAt"), context(data), json(data, "eventPayload", "null"));
            case PROJECTION_COMPLETED -> new ProjectionCompletedNotification(id, streamId,
                    requiredText(id, data, "projectionName"), data.path("asOfSequence").asLong(),
                    instant(id, data, "asOfTime"), requiredInstant(id, data, "completedAt"), json(data, "state", null));
            case CLASSIFICATION_COMPLETED -> new ClassificationCompletedNotification(id, streamId,
                    requiredText(id, data, "classificationName"), data.path("included").asBoolean(),
                    data.path("wasEverIncluded").asBoolean(), data.path("wasEverExcluded").asBoolean(),
                    data.path("asOfSequence").asLong(), instant(id, data, "asOfTime"),
                    requiredInstant(id, data, "completedAt"), json(data, "parameters", null));
            case QUERY_COMPLETED -> new QueryCompletedNotification(id, streamId, requiredText(id, data, "queryType"),
                    requiredInstant(id, data, "completedAt"), json(data, "result", "null"));
        };
    }

    /** The kind named in the data; for data without it, the kind its fields imply. */
    private static NotificationKind kindOf(JsonNode data) {
        JsonNode kind = data.get("kind");
        if (kind != null) {
            return NotificationKind.fromWireName(kind.asText());
        }
        if (data.has("sequenceNumber") && data.has("eventType")) {
            return NotificationKind.NEW_EVENT;
        }
        if (data.has("projectionName")) {
            return NotificationKind.PROJECTION_COMPLETED;
        }
        if (data.has("classificationName")) {
            return NotificationKind.CLASSIFICATION_COMPLETED;
        }
        if (data.has("deletedAt")) {
            return NotificationKind.DELETED_ENTITY;
        }
        if (data.has("createdAt")) {
            return NotificationKind.NEW_ENTITY;
        }
        return null;
    }

    private static void context(JsonGenerator json, WriteContext context) throws IOException {
        string(json, "commentary", context.commentary());
        string(json, "who", context.who());
        string(json, "source", context.source());
        string(json, "correlationId", context.correlationId());
        string(json, "causationId", context.causationId());
        string(json, "traceParent", context.traceParent());
    }

    private static WriteContext context(JsonNode data) {
        try {
            return new WriteContext(text(data, "who"), text(data, "source"), text(data, "commentary"),
                    text(data, "correlationId"), text(data, "causationId"), text(data, "traceParent"));
        } catch (IllegalArgumentException e) {
            throw new MalformedNotificationException("Invalid write context: " + e.getMessage());
        }
    }

    private static void string(JsonGenerator json, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }

    private static void instant(JsonGenerator json, String field, Instant value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value.toString());
        }
    }

    private static void raw(JsonGenerator json, String field, String jsonText) throws IOException {
        if (jsonText != null) {
            json.writeFieldName(field);
            json.writeRawValue(jsonText);
        }
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String requiredText(String id, JsonNode data, String field) {
        String value = text(data, field);
        if (value == null) {
            throw new MalformedNotificationException("Notification " + id + " has no '" + field + "'");
        }
        return value;
    }

    private static long requiredLong(String id, JsonNode data, String field) {
        JsonNode value = data.get(field);
        if (value == null || !value.canConvertToLong()) {
            throw new MalformedNotificationException("Notification " + id + " has no whole number '" + field + "'");
        }
        return value.asLong();
    }

    private static Instant instant(String id, JsonNode data, String field) {
        String value = text(data, field);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new MalformedNotificationException("Notification " + id + " has an invalid time '" + field + "': "
                    + value);
        }
    }

    private static Instant requiredInstant(String id, JsonNode data, String field) {
        Instant value = instant(id, data, field);
        if (value == null) {
            throw new MalformedNotificationException("Notification " + id + " has no '" + field + "'");
        }
        return value;
    }

    private static String json(JsonNode data, String field, String absent) {
        JsonNode value = data.get(field);
        return value == null ? absent : value.toString();
    }
}
