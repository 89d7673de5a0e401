package io.github.eventsourcing.azure.test.eventgrid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What an {@link EventGridStub} accepted, as notifications in arrival order. */
public final class DeliveredNotifications {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeliveredNotifications() {
    }

    /** One delivered notification, with the number of the request that carried it. */
    public record Delivered(int request, String id, String eventType, String kind, String instanceKey, long sequence,
                            long version, String time) {
    }

    public static List<Delivered> of(EventGridStub stub) {
        List<Delivered> delivered = new ArrayList<>();
        int number = 0;
        for (EventGridStub.Request request : stub.accepted()) {
            number++;
            try {
                for (JsonNode event : JSON.readTree(request.body())) {
                    JsonNode data = event.get("data");
                    delivered.add(new Delivered(number, event.get("id").asText(),
                            event.has("eventType") ? event.get("eventType").asText() : event.get("type").asText(),
                            data.get("kind").asText(), data.get("instanceKey").asText(),
                            data.path("sequenceNumber").asLong(0), data.path("version").asLong(0),
                            data.has("createdAt") ? data.get("createdAt").asText() : data.path("writtenAt").asText()));
                }
            } catch (Exception e) {
                throw new IllegalStateException("Unreadable request body: " + request.body(), e);
            }
        }
        return delivered;
    }

    public static Set<String> distinctIds(List<Delivered> delivered) {
        Set<String> ids = new LinkedHashSet<>();
        delivered.forEach(d -> ids.add(d.id()));
        return ids;
    }
}
