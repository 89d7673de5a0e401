package io.github.eventsourcing.azure.demo.bank.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.eventsourcing.azure.command.event.CommandClaimed;
import io.github.eventsourcing.azure.command.event.CommandCreated;
import io.github.eventsourcing.azure.command.event.ParameterValueSet;
import io.github.eventsourcing.azure.demo.bank.transfer.TransferMoney;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.test.Azurite;
import io.github.eventsourcing.azure.test.eventgrid.DeliveredNotifications;
import io.github.eventsourcing.azure.test.eventgrid.EventGridStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static io.github.eventsourcing.azure.demo.bank.web.TransfersOnAzurite.TRANSFERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A transfer left behind by an instance that crashed right after starting it (its claim expired, nothing done) is
 * resumed because of its own change notification: the application publishes its notifications with the real Event
 * Grid client to a stub topic, and the test, standing in for the topic's subscription, delivers what the topic
 * accepted to the application's notification webhook. The periodic check runs every 10 minutes and the transfer has
 * no entry in the index of open commands it reads, so only the notification can explain the resume.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"bank.interest.nightly-cron=-",
                "eventsourcing.commands.resume-interval=10m",
                "eventsourcing.notifications.enabled=true",
                "eventsourcing.notifications.event-grid.sas-token=" + TransferResumedByNotificationEndToEndTest.SECRET,
                "eventsourcing.notifications.webhook.enabled=true",
                "eventsourcing.notifications.webhook.secret=" + TransferResumedByNotificationEndToEndTest.SECRET,
                // Event Grid's SAS header doubles as the webhook's shared secret, as in the demo's live-feed profile.
                "eventsourcing.notifications.webhook.secret-header=aeg-sas-token"})
@DirtiesContext
@DisplayName("A transfer whose holder crashed, with notifications on")
class TransferResumedByNotificationEndToEndTest {

    static final String SECRET = "resume-secret-0123456789";
    private static final EventGridStub TOPIC = EventGridStub.http();
    private static final String CRASHED = "crashed-instance";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("eventsourcing.connections.default.connection-string", () -> Azurite.get().connectionString());
        registry.add("eventsourcing.notifications.event-grid.endpoint", TOPIC::endpoint);
    }

    @AfterAll
    static void closeTopic() {
        TOPIC.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStreams streams;

    @Test
    @DisplayName("is resumed by its own notification through Event Grid and the webhook, long before the periodic check")
    void resumedByItsNotification() throws Exception {
        BankHttp http = new BankHttp(port);
        String from = open(http, "100.00");
        String to = open(http, "0.00");
        String id = "crashed-" + UUID.randomUUID();
        try (Subscription subscription = new Subscription(TOPIC, port)) {
            leftByACrashedInstance(id, from, to, "30.00");

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> http.get(TRANSFERS + "/" + id).json().path("status").asText().equals("completed"));

            assertThat(DeliveredNotifications.of(TOPIC)).as("published through the topic")
                    .anyMatch(notification -> notification.instanceKey().equals(id));
            assertThat(subscription.delivered()).as("delivered to the webhook").isPositive();
        }
        JsonNode transfer = http.get(TRANSFERS + "/" + id).json();
        assertThat(transfer.get("steps")).extracting(step -> step.get("name").asText() + ":" + step.get("status")
                .asText()).containsExactly("debit:completed", "credit:completed");
        assertThat(http.get(BankHttp.account(from) + "/balance").decimal("balance")).isEqualByComparingTo("70.00");
        assertThat(http.get(BankHttp.account(to) + "/balance").decimal("balance")).isEqualByComparingTo("30.00");
        List<String> claimOwners = streams.stream(TransferMoney.TYPE.instance(id)).read().stream()
                .map(RecordedEvent::payload).filter(CommandClaimed.class::isInstance)
                .map(claim -> ((CommandClaimed) claim).owner()).toList();
        assertThat(claimOwners).as("taken over from the crashed instance").hasSizeGreaterThan(1)
                .first().isEqualTo(CRASHED);
    }

    /**
     * What a start writes to the command's stream, with the claim of an instance that went away before running it
     * (and before entering it in the index of open commands).
     */
    private void leftByACrashedInstance(String id, String from, String to, String amount) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        streams.stream(TransferMoney.TYPE.instance(id)).append(List.of(new CommandCreated(TransferMoney.NAME),
                new ParameterValueSet("from", json.textNode(from)), new ParameterValueSet("to", json.textNode(to)),
                new ParameterValueSet("amount", json.numberNode(new BigDecimal(amount))),
                new CommandClaimed(CRASHED, UUID.randomUUID().toString(), Instant.now().minusSeconds(1))),
                AppendOptions.mustBeNew());
    }

    private static String open(BankHttp http, String balance) {
        String number = "RN-" + UUID.randomUUID().toString().substring(0, 8);
        BankHttp.Reply opened = http.post(BankHttp.account(number), java.util.Map.of("clientName", "Client " + number,
                "openingBalance", new BigDecimal(balance)));
        assertThat(opened.status()).as("%s", opened).isEqualTo(201);
        return number;
    }

    /** The topic's subscription: delivers every request the topic accepted to the application's webhook, in order. */
    private static final class Subscription implements AutoCloseable {

        private final EventGridStub topic;
        private final URI webhook;
        private final HttpClient client = HttpClient.newHttpClient();
        private final ScheduledExecutorService deliverer = Executors.newSingleThreadScheduledExecutor();
        private int delivered;

        Subscription(EventGridStub topic, int port) {
            this.topic = topic;
            this.webhook = URI.create("http://127.0.0.1:" + port + "/eventsourcing/notifications");
            deliverer.scheduleWithFixedDelay(this::deliverNew, 0, 100, TimeUnit.MILLISECONDS);
        }

        private void deliverNew() {
            List<EventGridStub.Request> accepted = topic.accepted();
            while (delivered() < accepted.size()) {
                EventGridStub.Request request = accepted.get(delivered());
                try {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(webhook)
                            .header("Content-Type", "application/json")
                            .header("aeg-sas-token", request.header("aeg-sas-token"))
                            .POST(HttpRequest.BodyPublishers.ofString(request.body())).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() / 100 != 2) {
                        return; // delivered again on the next round, as Event Grid retries
                    }
                } catch (Exception e) {
                    return;
                }
                synchronized (this) {
                    delivered++;
                }
            }
        }

        synchronized int delivered() {
            return delivered;
        }

        @Override
        public void close() {
            deliverer.shutdownNow();
        }
    }
}
