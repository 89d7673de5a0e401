package io.github.eventsourcing.azure.autoconfigure.actuate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.InMemoryEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.TableEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.notification.NotificationAutoConfiguration;
import io.github.eventsourcing.azure.notification.DeadLetters;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.test.Azurite;
import io.github.eventsourcing.azure.test.eventgrid.DeliveredNotifications;
import io.github.eventsourcing.azure.test.eventgrid.EventGridClients;
import io.github.eventsourcing.azure.test.eventgrid.EventGridStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dead letters through the Actuator endpoint, over real HTTP: an application on the Table backend (Azurite)
 * publishing to a local Event Grid topic that refuses one stream's notifications.
 */
@SpringBootTest(classes = DeadLettersEndpointTests.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"eventsourcing.streams.[ALL.ALL].backend=table",
                "eventsourcing.notifications.enabled=true",
                "eventsourcing.notifications.event-grid.max-retries=0",
                "eventsourcing.notifications.dispatch.initial-backoff=20ms",
                "eventsourcing.notifications.dispatch.max-backoff=100ms",
                "eventsourcing.notifications.dispatch.max-attempts=2",
                "management.endpoints.web.exposure.include=health,eventsourcingdeadletters",
                "management.endpoint.health.show-details=always"})
@DisplayName("The dead letters Actuator endpoint")
class DeadLettersEndpointTests {

    private static final EventGridStub TOPIC = EventGridStub.http();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @SpringBootConfiguration
    @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
            EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
            ManagementContextAutoConfiguration.class, HealthContributorAutoConfiguration.class,
            HealthEndpointAutoConfiguration.class, EventSourcingAutoConfiguration.class,
            InMemoryEventStoreAutoConfiguration.class, TableEventStoreAutoConfiguration.class,
            NotificationAutoConfiguration.class, EventSourcingHealthAutoConfiguration.class,
            DeadLettersEndpointAutoConfiguration.class})
    static class App {
    }

    @EventName("Parcel Held")
    record ParcelHeld(String at) {
    }

    @DynamicPropertySource
    static void storageAndTopic(DynamicPropertyRegistry registry) {
        registry.add("eventsourcing.connections.default.connection-string", () -> Azurite.get().connectionString());
        registry.add("eventsourcing.table.table-name-prefix",
                () -> "dlep" + UUID.randomUUID().toString().replace("-", "").substring(0, 8));
        registry.add("eventsourcing.notifications.event-grid.endpoint", TOPIC::endpoint);
        registry.add("eventsourcing.notifications.event-grid.sas-token", () -> EventGridClients.SAS);
    }

    @AfterAll
    static void stopTopic() {
        TOPIC.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStreams streams;

    @Autowired
    DeadLetters deadLetters;

    @Test
    @DisplayName("lists a dead letter, names it in the health details, retries it on POST, and answers 404 and 400 "
            + "for an unknown id and an unknown action")
    void listRetryAndRefuse() throws Exception {
        String key = "P-" + UUID.randomUUID();
        TOPIC.answerEach(request -> request.body().contains(key) ? 400 : 200);
        streams.stream("Shipping", "Parcel", key).append(new ParcelHeld("Oslo"));
        await().until(() -> !deadLetters.list().isEmpty());

        JsonNode listed = JSON.readTree(get("/actuator/eventsourcingdeadletters").body()).get("deadLetters");
        assertThat(listed).hasSize(1);
        String id = listed.get(0).get("id").asText();
        assertThat(listed.get(0).get("instanceKey").asText()).isEqualTo(key);
        assertThat(listed.get(0).get("fromSequence").asLong()).isEqualTo(1);
        assertThat(listed.get(0).get("attempts").asInt()).isEqualTo(2);
        JsonNode health = JSON.readTree(get("/actuator/health").body());
        JsonNode notifications = health.at("/components/eventsourcing/components/notifications/details");
        assertThat(notifications.get("deadLetters").asInt()).isEqualTo(1);
        assertThat(notifications.at("/oldestDeadLetter/id").asText()).isEqualTo(id);

        assertThat(get("/actuator/eventsourcingdeadletters/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(post("/actuator/eventsourcingdeadletters/" + id, "{\"action\":\"resend\"}").statusCode())
                .isEqualTo(400);

        TOPIC.answer(200);
        HttpResponse<String> retried = post("/actuator/eventsourcingdeadletters/" + id, "{\"action\":\"retry\"}");
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(retried.body()).get("id").asText()).isEqualTo(id);
        await().until(() -> DeliveredNotifications.of(TOPIC).stream().filter(d -> d.instanceKey().equals(key)).count()
                == 2);
        assertThat(get("/actuator/eventsourcingdeadletters/" + id).statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(get("/actuator/eventsourcingdeadletters").body()).get("deadLetters")).isEmpty();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
