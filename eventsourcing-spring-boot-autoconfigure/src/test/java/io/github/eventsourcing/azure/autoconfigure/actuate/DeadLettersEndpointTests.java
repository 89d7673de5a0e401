package io.github.eventsourcing.azure.autoconfigure.actuate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.InMemoryEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.TableEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.command.CommandAutoConfiguration;
import io.github.eventsourcing.azure.command.CommandHandler;
import io.github.eventsourcing.azure.command.CommandInstance;
import io.github.eventsourcing.azure.command.CommandStatus;
import io.github.eventsourcing.azure.command.CommandSteps;
import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.command.Commands;
import io.github.eventsourcing.azure.autoconfigure.notification.NotificationAutoConfiguration;
import io.github.eventsourcing.azure.deadletter.DeadLetters;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.RecordedEvent;
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
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dead letters through the Actuator endpoint, over real HTTP: an application on the Table backend (Azurite)
 * publishing to a local Event Grid topic that refuses one stream's notifications, and running a command whose step
 * fails while its carrier is down.
 */
@SpringBootTest(classes = DeadLettersEndpointTests.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"eventsourcing.streams.[ALL.ALL].backend=table",
                "eventsourcing.notifications.enabled=true",
                "eventsourcing.notifications.event-grid.max-retries=0",
                "eventsourcing.notifications.dispatch.initial-backoff=20ms",
                "eventsourcing.notifications.dispatch.max-backoff=100ms",
                "eventsourcing.notifications.dispatch.max-attempts=2",
                "eventsourcing.commands.max-attempts=2", "eventsourcing.commands.resume-interval=200ms",
                "eventsourcing.commands.claim-duration=2s",
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
            DeadLettersEndpointAutoConfiguration.class, CommandAutoConfiguration.class})
    static class App {

        /** One step that fails with an error while the carrier is down. */
        @Bean
        CommandHandler<Shipment> shipParcel() {
            return new CommandHandler<>() {
                @Override
                public CommandType type() {
                    return SHIP_PARCEL;
                }

                @Override
                public Class<Shipment> parametersType() {
                    return Shipment.class;
                }

                @Override
                public void declareSteps(CommandSteps<Shipment> steps) {
                    steps.step("ship", step -> {
                        if (CARRIER_DOWN.get()) {
                            throw new IllegalStateException("carrier unreachable");
                        }
                    });
                }
            };
        }
    }

    static final CommandType SHIP_PARCEL = CommandType.of("Shipping", "ShipParcel");
    static final AtomicBoolean CARRIER_DOWN = new AtomicBoolean();

    record Shipment(String parcel) {
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

    @Autowired
    Commands commands;

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

    @Test
    @DisplayName("lists a command set aside with its step, names it in the commands health details, holds back none of "
            + "its stream's notifications, skips one command (it fails, as its stream records) and retries another to "
            + "completion")
    void commandLetters() throws Exception {
        TOPIC.answer(200);
        CARRIER_DOWN.set(true);
        CommandInstance skipped = commands.start(SHIP_PARCEL, new Shipment("p-1"));
        JsonNode letter = awaitCommandLetter(skipped);
        assertThat(letter.at("/details/step").asText()).isEqualTo("ship");
        assertThat(letter.get("attempts").asInt()).isEqualTo(2);
        assertThat(letter.get("lastError").asText()).isEqualTo("carrier unreachable");
        assertThat(letter.get("entityType").asText()).isEqualTo("Command-ShipParcel");
        JsonNode health = JSON.readTree(get("/actuator/health").body()).at("/components/commands/details");
        assertThat(health.get("deadLetters").asInt()).isEqualTo(1);
        assertThat(health.at("/oldestDeadLetter/id").asText()).isEqualTo(letter.get("id").asText());

        // A command letter holds back nothing: the notification of the event that set the command aside goes out.
        long setAsideAt = skipped.execution().state().getDeadLettered().sequence();
        await().until(() -> delivered(skipped).contains(setAsideAt));

        HttpResponse<String> skip = post("/actuator/eventsourcingdeadletters/" + letter.get("id").asText(),
                "{\"action\":\"skip\"}");
        assertThat(skip.statusCode()).isEqualTo(200);
        await().until(() -> skipped.execution().state().getStatus().isTerminal());
        assertThat(skipped.execution().state().getStatus()).isEqualTo(CommandStatus.FAILED);
        assertThat(skipped.execution().state().getReason()).isEqualTo("error");
        assertThat(streams.stream(skipped.streamId()).read()).extracting(RecordedEvent::eventName)
                .containsSubsequence("Command Dead Lettered", "Command Step Skipped", "Command Failed");
        await().until(() -> delivered(skipped).contains(streams.stream(skipped.streamId()).version()));

        CommandInstance retried = commands.start(SHIP_PARCEL, new Shipment("p-2"));
        String retriedLetter = awaitCommandLetter(retried).get("id").asText();
        CARRIER_DOWN.set(false);
        assertThat(post("/actuator/eventsourcingdeadletters/" + retriedLetter, "{\"action\":\"retry\"}")
                .statusCode()).isEqualTo(200);
        await().until(() -> retried.execution().state().getStatus().isTerminal());
        assertThat(retried.execution().state().getStatus()).isEqualTo(CommandStatus.COMPLETED);
        assertThat(get("/actuator/eventsourcingdeadletters/" + retriedLetter).statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(get("/actuator/health").body()).at("/components/commands/details/deadLetters")
                .asInt()).isZero();
    }

    /** The command's letter as the endpoint lists it, once there is one. */
    private JsonNode awaitCommandLetter(CommandInstance command) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> commandLetter(command) != null);
        return commandLetter(command);
    }

    private JsonNode commandLetter(CommandInstance command) throws Exception {
        for (JsonNode letter : JSON.readTree(get("/actuator/eventsourcingdeadletters").body()).get("deadLetters")) {
            if (letter.get("kind").asText().equals("command")
                    && letter.get("instanceKey").asText().equals(command.id())) {
                return letter;
            }
        }
        return null;
    }

    /** The sequences of the command's events announced to the topic. */
    private static List<Long> delivered(CommandInstance command) {
        return DeliveredNotifications.of(TOPIC).stream().filter(d -> d.instanceKey().equals(command.id()))
                .map(DeliveredNotifications.Delivered::sequence).toList();
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
