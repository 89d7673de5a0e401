package io.github.eventsourcing.azure.autoconfigure.notification;

import io.github.eventsourcing.azure.autoconfigure.notification.WebhookTestApplication.AddressChanged;
import io.github.eventsourcing.azure.autoconfigure.notification.WebhookTestApplication.Listeners;
import io.github.eventsourcing.azure.autoconfigure.notification.WebhookTestApplication.MoneyDeposited;
import io.github.eventsourcing.azure.notification.EventGridSchema;
import io.github.eventsourcing.azure.notification.NewEventNotification;
import io.github.eventsourcing.azure.notification.internal.EventGridNotificationPublisher;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.test.eventgrid.EventGridClients;
import io.github.eventsourcing.azure.test.eventgrid.EventGridStub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The payloads Event Grid posts, over real HTTP, to an application that only receives notifications. */
@SpringBootTest(classes = WebhookTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"eventsourcing.notifications.webhook.enabled=true",
                "eventsourcing.notifications.webhook.secret=s3cret-value",
                "eventsourcing.notifications.webhook.secret-header=X-Notification-Secret",
                "eventsourcing.notifications.webhook.path=/hooks/eventgrid"})
@DisplayName("The notification webhook")
class NotificationWebhookTest {

    static final String TOPIC = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.EventGrid/topics/bank";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    Listeners listeners;

    @BeforeEach
    void reset() {
        listeners.clear();
    }

    @Nested
    @DisplayName("handshakes and authentication")
    class Handshakes {

        @Test
        @DisplayName("answers Event Grid's subscription validation event with the validation code")
        void subscriptionValidation() throws Exception {
            HttpResponse<String> response = post("?code=s3cret-value", "application/json", """
                    [{
                      "id": "2d1781af-3a4c-4d7c-bd0c-e34b19da4e66",
                      "topic": "%s",
                      "subject": "",
                      "data": {
                        "validationCode": "512d38b6-c7b8-40c8-89fe-f46f9e9622b6",
                        "validationUrl": "https://rp-eastus2.eventgrid.azure.net:553/eventsubscriptions/myeventsub/validate?id=0000&t=2022-10-28T04:23:35.1981776Z&apiVersion=2018-05-01-preview&token=1A1A1A1A"
                      },
                      "eventType": "Microsoft.EventGrid.SubscriptionValidationEvent",
                      "eventTime": "2022-10-28T04:23:35.1981776Z",
                      "metadataVersion": "1",
                      "dataVersion": "1"
                    }]""".formatted(TOPIC));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(response.body()).isEqualTo("{\"validationResponse\":\"512d38b6-c7b8-40c8-89fe-f46f9e9622b6\"}");
        }

        @Test
        @DisplayName("answers the CloudEvents abuse-protection handshake with the allowed origin")
        void cloudEventsHandshake() throws Exception {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("?code=s3cret-value"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("WebHook-Request-Origin", "eventgrid.azure.net").build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("WebHook-Allowed-Origin")).hasValue("eventgrid.azure.net");
            assertThat(response.headers().firstValue("WebHook-Allowed-Rate")).hasValue("*");
        }

        @Test
        @DisplayName("refuses requests without the secret, or with a wrong one, with 401 and calls no listener")
        void requiresSecret() throws Exception {
            String delivery = eventGridBatch(newEvent("A-1", 1, "Money Deposited", "{\"amount\":1}"));

            assertThat(post("", "application/json", delivery).statusCode()).isEqualTo(401);
            assertThat(post("?code=wrong", "application/json", delivery).statusCode()).isEqualTo(401);
            assertThat(post("?code=s3cret-valu", "application/json", delivery).statusCode()).isEqualTo(401);
            assertThat(HTTP.send(HttpRequest.newBuilder(uri("")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("WebHook-Request-Origin", "eventgrid.azure.net").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            assertThat(listeners.everything).isEmpty();
        }

        @Test
        @DisplayName("accepts the secret in the configured header instead of the query")
        void secretInHeader() throws Exception {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(""))
                    .header("Content-Type", "application/json").header("X-Notification-Secret", "s3cret-value")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            eventGridBatch(newEvent("A-1", 1, "Money Deposited", "{\"amount\":1}")))).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(listeners.everything).hasSize(1);
        }
    }

    @Nested
    @DisplayName("deliveries")
    class Deliveries {

        @Test
        @DisplayName("an EventGridEvent batch reaches the matching listeners, with typed, exact payloads")
        void eventGridEvents() throws Exception {
            HttpResponse<String> response = post("?code=s3cret-value", "application/json", eventGridBatch(
                    newEntity("A-7"),
                    newEvent("A-7", 1, "Money Deposited", "{\"amount\":10.50}"),
                    newEvent("A-7", 2, "Money Withdrawn", "{\"amount\":3}"),
                    newEvent("A-7", 3, "Overdraft Limit Set", "{\"limit\":100}")));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(listeners.newEntities).containsExactly(StreamId.of("Bank", "Account", "A-7"));
            assertThat(listeners.moneyEvents).containsExactly("Money Deposited #1", "Money Withdrawn #2");
            assertThat(listeners.deposits).containsExactly(new MoneyDeposited(new BigDecimal("10.50")));
            assertThat(listeners.everything).hasSize(4);
        }

        @Test
        @DisplayName("a single CloudEvent and a CloudEvents batch are delivered like EventGridEvents")
        void cloudEvents() throws Exception {
            String single = cloudEvent(newEvent("C-1", 1, "Money Deposited", "{\"amount\":5}"));
            String batch = "[" + cloudEvent(newEvent("C-2", 1, "Money Deposited", "{\"amount\":6}")) + ","
                    + cloudEvent(newEvent("C-2", 2, "Money Withdrawn", "{\"amount\":1}")) + "]";

            assertThat(post("?code=s3cret-value", "application/cloudevents+json; charset=utf-8", single).statusCode())
                    .isEqualTo(200);
            assertThat(post("?code=s3cret-value", "application/cloudevents-batch+json; charset=utf-8", batch)
                    .statusCode()).isEqualTo(200);

            assertThat(listeners.deposits).containsExactly(new MoneyDeposited(new BigDecimal("5")),
                    new MoneyDeposited(new BigDecimal("6")));
            assertThat(listeners.moneyEvents).containsExactly("Money Deposited #1", "Money Deposited #1",
                    "Money Withdrawn #2");
        }

        @Test
        @DisplayName("a payload stored in an older schema version is upcast to today's class")
        void upcastsPayloads() throws Exception {
            // Stored (and announced) as schema version 1; the class is version 2.
            String v1 = newEvent("A-8", 4, "Address Changed", "{\"address\":\"1 Main Street, Springfield\"}");

            assertThat(post("?code=s3cret-value", "application/json", eventGridBatch(v1)).statusCode()).isEqualTo(200);

            assertThat(listeners.addresses).containsExactly(new AddressChanged("1 Main Street", "Springfield"));
        }

        @Test
        @DisplayName("a duplicate delivery of the same id is handed to the listeners only once")
        void duplicatesOnce() throws Exception {
            String delivery = eventGridBatch(newEvent("A-9", 1, "Money Deposited", "{\"amount\":1}"));

            assertThat(post("?code=s3cret-value", "application/json", delivery).statusCode()).isEqualTo(200);
            assertThat(post("?code=s3cret-value", "application/json", delivery).statusCode()).isEqualTo(200);

            assertThat(listeners.everything).hasSize(1);
            assertThat(listeners.deposits).hasSize(1);
        }

        @Test
        @DisplayName("a failing listener makes Event Grid retry (500); on redelivery only it is called again")
        void failingListenerRetried() throws Exception {
            String delivery = eventGridBatch(newEvent("FLAKY-1", 1, "Money Deposited", "{\"amount\":1}"));
            listeners.flakyFails.set(true);

            HttpResponse<String> failed = post("?code=s3cret-value", "application/json", delivery);
            listeners.flakyFails.set(false);
            HttpResponse<String> retried = post("?code=s3cret-value", "application/json", delivery);
            HttpResponse<String> again = post("?code=s3cret-value", "application/json", delivery);

            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(retried.statusCode()).isEqualTo(200);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(listeners.flakyCalls).hasSize(2);
            assertThat(listeners.everything).hasSize(1);
            assertThat(listeners.deposits).hasSize(1);
        }

        @Test
        @DisplayName("events of other publishers and Event Grid system events are accepted and ignored")
        void foreignEvents() throws Exception {
            String foreign = """
                    [{"id":"f-1","topic":"%s","subject":"/blobServices/default/containers/x/blobs/y",
                      "eventType":"Microsoft.Storage.BlobCreated","eventTime":"2026-01-02T03:04:05Z",
                      "data":{"api":"PutBlob","contentType":"text/plain"},"dataVersion":"","metadataVersion":"1"}]"""
                    .formatted(TOPIC);

            assertThat(post("?code=s3cret-value", "application/json", foreign).statusCode()).isEqualTo(200);
            assertThat(listeners.everything).isEmpty();
        }
    }

    @Nested
    @DisplayName("round trip")
    class RoundTrip {

        @Test
        @DisplayName("what the publisher posts to a topic, delivered by Event Grid, reaches the listeners (both schemas)")
        void publisherToWebhook() throws Exception {
            StreamId account = StreamId.of("Bank", "Account", "R/1 x");
            NewEventNotification deposited = new NewEventNotification("rt-1", account, "Money Deposited", "ev-1", 1, 1,
                    Instant.parse("2026-01-02T03:04:05.678Z"), WriteContext.EMPTY.withCorrelationId("c"),
                    "{\"amount\":12345678901234567890.10}");
            NewEventNotification again = new NewEventNotification("rt-2", account, "Money Deposited", "ev-2", 2, 1,
                    Instant.parse("2026-01-02T03:04:06Z"), WriteContext.EMPTY, "{\"amount\":0.50}");
            try (EventGridStub topic = EventGridStub.http()) {
                EventGridNotificationPublisher.create(EventGridClients.sas(topic),
                        EventGridSchema.EVENT_GRID, 1_000_000).publish(List.of(deposited));
                EventGridNotificationPublisher.create(EventGridClients.sas(topic),
                        EventGridSchema.CLOUD_EVENTS, 1_000_000).publish(List.of(again));

                // Event Grid adds the topic and metadata version to EventGridEvents it delivers.
                String eventGridDelivery = topic.requests().get(0).body()
                        .replace("\"dataVersion\":\"1.0\"", "\"dataVersion\":\"1.0\",\"metadataVersion\":\"1\","
                                + "\"topic\":\"" + TOPIC + "\"");
                assertThat(post("?code=s3cret-value", "application/json", eventGridDelivery).statusCode())
                        .isEqualTo(200);
                // CloudEvents are delivered one by one, in structured mode.
                String cloudEvent = topic.requests().get(1).body();
                assertThat(post("?code=s3cret-value", "application/cloudevents+json; charset=utf-8",
                        cloudEvent.substring(1, cloudEvent.length() - 1)).statusCode()).isEqualTo(200);
            }

            assertThat(listeners.deposits).containsExactly(
                    new MoneyDeposited(new BigDecimal("12345678901234567890.10")),
                    new MoneyDeposited(new BigDecimal("0.50")));
            assertThat(listeners.everything).containsExactly("rt-1", "rt-2");
        }
    }

    @Nested
    @DisplayName("notifications that cannot be handled")
    @ExtendWith(OutputCaptureExtension.class)
    class Unbindable {

        @Test
        @DisplayName("a payload that cannot be bound to a listener's parameter is answered 400, with a log line")
        void unbindablePayload(CapturedOutput output) throws Exception {
            String notAnAmount = newEvent("U-1", 1, "Money Deposited", "{\"amount\":\"lots\"}");
            String delivery = eventGridBatch(notAnAmount);

            HttpResponse<String> response = post("?code=s3cret-value", "application/json", delivery);
            HttpResponse<String> again = post("?code=s3cret-value", "application/json", delivery);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("cannot be bound");
            assertThat(again.statusCode()).isEqualTo(400);
            assertThat(listeners.deposits).isEmpty();
            assertThat(output).contains("Refused notification " + eventId(notAnAmount))
                    .contains("cannot be bound to listener");
        }

        @Test
        @DisplayName("in a delivery that mixes good and bad notifications, the good ones reach the listeners (200)")
        void mixedDelivery(CapturedOutput output) throws Exception {
            String malformed = newEvent("M-1", 1, "Money Deposited", "{\"amount\":1}")
                    .replace("\"sequenceNumber\":1,", "");
            String delivery = eventGridBatch(
                    newEvent("M-1", 2, "Money Deposited", "{\"amount\":{\"not\":\"a number\"}}"),
                    newEvent("M-1", 3, "Money Deposited", "{\"amount\":3}"),
                    malformed,
                    newEvent("M-1", 4, "Money Withdrawn", "{\"amount\":4}"));

            HttpResponse<String> response = post("?code=s3cret-value", "application/json", delivery);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(listeners.deposits).containsExactly(new MoneyDeposited(new BigDecimal("3")));
            assertThat(listeners.moneyEvents).containsExactly("Money Deposited #2", "Money Deposited #3",
                    "Money Withdrawn #4");
            assertThat(output).contains("Refused a malformed notification").contains("has no whole number "
                    + "'sequenceNumber'").contains("cannot be bound to listener");
        }

        @Test
        @DisplayName("a listener that throws still makes the delivery fail (500), bad notifications beside it or not")
        void failingListenerWins() throws Exception {
            listeners.flakyFails.set(true);
            String delivery = eventGridBatch(newEvent("FLAKY-2", 1, "Money Deposited", "{\"amount\":\"lots\"}"),
                    newEvent("FLAKY-2", 2, "Money Deposited", "{\"amount\":2}"));

            assertThat(post("?code=s3cret-value", "application/json", delivery).statusCode()).isEqualTo(500);
            assertThat(listeners.flakyCalls).hasSize(2);
        }
    }

    @Nested
    @DisplayName("malformed bodies")
    class Malformed {

        @Test
        @DisplayName("are answered 400, never 500, and reach no listener")
        void badRequests() throws Exception {
            String broken = newEvent("A-1", 1, "Money Deposited", "{\"amount\":1}").replace("\"sequenceNumber\":1,", "");
            String validButNoEvents = "[{\"id\": 5}]";
            String eventGridEventWithoutSubject = eventGridBatch(newEntity("A-1")).replace("\"subject\"", "\"topic2\"");
            for (String body : new String[]{"", "not json", "{\"unterminated\": ", "42", "\"text\"", "[1, 2]",
                    validButNoEvents, "{\"id\": \"x\"}", eventGridEventWithoutSubject, eventGridBatch(broken)}) {
                HttpResponse<String> response = post("?code=s3cret-value", "application/json", body);
                assertThat(response.statusCode()).as(body).isEqualTo(400);
            }
            assertThat(listeners.everything).isEmpty();
        }
    }

    /** The id of the EventGridEvent or CloudEvent that carries the notification data. */
    static String eventId(String data) {
        return UUID.nameUUIDFromBytes(data.getBytes()).toString();
    }

    /** An EventGridEvent as Event Grid delivers it, with the notification data given. */
    static String eventGridEvent(String data) {
        String id = eventId(data);
        return """
                {"id":"%s","topic":"%s","subject":"eventsourcing/Bank/Account/x","data":%s,
                 "eventType":"Bank.Account.x","dataVersion":"1.0","metadataVersion":"1",
                 "eventTime":"2026-01-02T03:04:05.678Z"}""".formatted(id, TOPIC, data);
    }

    static String eventGridBatch(String... data) {
        StringBuilder batch = new StringBuilder("[");
        for (String d : data) {
            batch.append(batch.length() > 1 ? "," : "").append(eventGridEvent(d));
        }
        return batch.append("]").toString();
    }

    static String cloudEvent(String data) {
        String id = eventId(data);
        return """
                {"id":"%s","source":"/eventsourcing/Bank/Account","specversion":"1.0",
                 "type":"Bank.Account.x","subject":"eventsourcing/Bank/Account/x","time":"2026-01-02T03:04:05.678Z",
                 "datacontenttype":"application/json","traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                 "data":%s}""".formatted(id, data);
    }

    static String newEntity(String key) {
        return "{\"kind\":\"NewEntity\",\"domain\":\"Bank\",\"entityType\":\"Account\",\"instanceKey\":\"" + key
                + "\",\"createdAt\":\"2026-01-02T03:04:05.678Z\",\"who\":\"ann\"}";
    }

    static String newEvent(String key, long sequence, String name, String payload) {
        return "{\"kind\":\"NewEvent\",\"domain\":\"Bank\",\"entityType\":\"Account\",\"instanceKey\":\"" + key
                + "\",\"eventType\":\"" + name + "\",\"eventId\":\"ev-" + sequence + "\",\"sequenceNumber\":" + sequence
                + ",\"schemaVersion\":1,\"writtenAt\":\"2026-01-02T03:04:05.678Z\",\"correlationId\":\"corr-1\","
                + "\"eventPayload\":" + payload + "}";
    }

    private URI uri(String query) {
        return URI.create("http://127.0.0.1:" + port + "/hooks/eventgrid" + query);
    }

    private HttpResponse<String> post(String query, String contentType, String body) throws IOException,
            InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(query)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
