package io.github.eventsourcing.azure.storedformat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.test.eventgrid.DeliveredNotifications.Delivered;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * What the library made of a fixture, as JSON to keep next to it and compare with: the streams as read through the
 * public API ({@code streams.json}) and the notifications a dispatcher published for them
 * ({@code notifications.json}).
 */
final class FixtureJson {

    static final String STREAMS = "streams.json";
    static final String NOTIFICATIONS = "notifications.json";

    /** The instance keys of the fixture's streams, the deleted one included. */
    static final List<String> KEYS = List.of("alice", "bob", "carol", "dave/ü 1");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FixtureJson() {
    }

    static JsonNode streams(FixtureApp app) {
        ObjectNode streams = JSON.createObjectNode();
        for (String key : KEYS) {
            EventStream stream = app.account(key);
            ObjectNode json = streams.putObject(key);
            json.put("exists", stream.exists());
            json.put("version", stream.version());
            ArrayNode events = json.putArray("events");
            stream.read().forEach(event -> events.add(event(event)));
        }
        return asIfRead(streams);
    }

    private static ObjectNode event(RecordedEvent event) {
        ObjectNode json = JSON.createObjectNode();
        json.put("sequence", event.sequence());
        json.put("eventId", event.eventId());
        json.put("eventName", event.eventName());
        json.put("schemaVersion", event.schemaVersion());
        json.put("writtenAt", event.writtenAt().toString());
        ObjectNode context = JSON.valueToTree(event.context());
        // A context member added after the fixtures were written (additive: old rows simply lack it) shows only when
        // set, so that each fixture's expectations stay as written.
        if (event.context().requestFingerprint() == null) {
            context.remove("requestFingerprint");
        }
        json.set("context", context);
        json.set("payload", JSON.valueToTree(event.payload()));
        return json;
    }

    /** The notifications in a stable order (the dispatcher works on streams in parallel), without request numbers. */
    static JsonNode notifications(List<Delivered> delivered) {
        ArrayNode json = JSON.createArrayNode();
        delivered.stream().sorted(Comparator.comparing(Delivered::instanceKey).thenComparing(Delivered::sequence)
                        .thenComparing(Delivered::kind).thenComparing(Delivered::id))
                .forEach(d -> {
                    ObjectNode notification = json.addObject();
                    notification.put("id", d.id());
                    notification.put("eventType", d.eventType());
                    notification.put("kind", d.kind());
                    notification.put("instanceKey", d.instanceKey());
                    notification.put("sequence", d.sequence());
                    notification.put("version", d.version());
                    notification.put("time", d.time());
                });
        return asIfRead(json);
    }

    /** The JSON as it reads back from a file (a long 4 and an int 4 are different nodes, but the same text). */
    private static JsonNode asIfRead(JsonNode json) {
        try {
            return JSON.readTree(JSON.writeValueAsString(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, JsonNode json) throws IOException {
        JSON.writeValue(file.toFile(), json);
    }

    static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }
}
