package io.github.eventsourcing.azure.notification.internal;

import io.github.eventsourcing.azure.notification.EventGridSchema;
import io.github.eventsourcing.azure.notification.NewEventNotification;
import io.github.eventsourcing.azure.notification.Notification;
import io.github.eventsourcing.azure.notification.NotificationPublishException;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.test.eventgrid.EventGridClients;
import io.github.eventsourcing.azure.test.eventgrid.EventGridStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static io.github.eventsourcing.azure.notification.internal.NotificationJsonTest.ACCOUNT;
import static io.github.eventsourcing.azure.notification.internal.NotificationJsonTest.NEW_ENTITY;
import static io.github.eventsourcing.azure.notification.internal.NotificationJsonTest.NEW_EVENT;
import static io.github.eventsourcing.azure.notification.internal.NotificationJsonTest.T1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real SDK client posting to a local endpoint that checks what Event Grid would receive. */
@DisplayName("Publishing to Event Grid")
class EventGridNotificationPublisherTest {

    private static EventGridStub http;

    @BeforeAll
    static void startEndpoint() {
        http = EventGridStub.http();
    }

    @AfterAll
    static void stopEndpoint() {
        http.close();
    }

    @BeforeEach
    void reset() {
        http.clear();
        http.answer(200);
    }

    @Test
    @DisplayName("EventGridEvent schema: one POST with the SAS token header and exactly the expected JSON array")
    void eventGridSchemaWithSasToken() {
        publisher(EventGridSchema.EVENT_GRID).publish(List.of(NEW_ENTITY, NEW_EVENT));

        EventGridStub.Request request = http.requests().get(0);
        assertThat(http.requests()).hasSize(1);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.pathAndQuery()).isEqualTo("/api/events?api-version=2018-01-01");
        assertThat(request.header("aeg-sas-token")).isEqualTo(EventGridClients.SAS);
        assertThat(request.header("aeg-sas-key")).isNull();
        assertThat(request.header("content-type")).isEqualTo("application/json");
        assertThat(request.body()).isEqualTo("["
                + "{\"id\":\"id-1\",\"subject\":\"eventsourcing/Bank/Account/A-0001\","
                + "\"data\":" + NotificationJson.data(NEW_ENTITY) + ","
                + "\"eventType\":\"Bank.Account.NewEntity\",\"eventTime\":\"2026-01-02T03:04:05.678Z\","
                + "\"dataVersion\":\"1.0\"},"
                + "{\"id\":\"id-2\",\"subject\":\"eventsourcing/Bank/Account/Money Deposited/A-0001\","
                + "\"data\":" + NotificationJson.data(NEW_EVENT) + ","
                + "\"eventType\":\"Bank.Account.Money Deposited\",\"eventTime\":\"2026-01-02T03:04:05.678Z\","
                + "\"dataVersion\":\"1.0\"}]");
    }

    @Test
    @DisplayName("event payloads go out exactly as stored: decimals keep their digits in both schemas")
    void payloadsVerbatim() {
        String exact = "{\"amount\":100.50,\"big\":12345678901234567890.123456789,\"e\":1.0E10}";
        NewEventNotification money = new NewEventNotification("id-9", ACCOUNT, "Money Deposited", "ev-9", 3, 1, T1,
                WriteContext.EMPTY, exact);

        publisher(EventGridSchema.EVENT_GRID).publish(List.of(money));
        publisher(EventGridSchema.CLOUD_EVENTS).publish(List.of(money));

        assertThat(http.requests()).hasSize(2)
                .allSatisfy(request -> assertThat(request.body()).contains("\"eventPayload\":" + exact + "}"));
    }

    @Test
    @DisplayName("CloudEvents 1.0 schema: a batch with traceparent and correlationid extension attributes")
    void cloudEventsSchema() {
        publisher(EventGridSchema.CLOUD_EVENTS).publish(List.of(NEW_EVENT));

        EventGridStub.Request request = http.requests().get(0);
        assertThat(request.pathAndQuery()).isEqualTo("/api/events?api-version=2018-01-01");
        assertThat(request.header("aeg-sas-token")).isEqualTo(EventGridClients.SAS);
        assertThat(request.header("content-type")).isEqualTo("application/cloudevents-batch+json; charset=utf-8");
        assertThat(request.body()).isEqualTo("[{\"id\":\"id-2\",\"source\":\"/eventsourcing/Bank/Account\","
                + "\"data\":" + NotificationJson.data(NEW_EVENT) + ","
                + "\"type\":\"Bank.Account.Money Deposited\",\"time\":\"2026-01-02T03:04:05.678Z\","
                + "\"specversion\":\"1.0\",\"datacontenttype\":\"application/json\","
                + "\"subject\":\"eventsourcing/Bank/Account/Money Deposited/A-0001\","
                + "\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\","
                + "\"correlationid\":\"corr-1\"}]");
    }

    @Test
    @DisplayName("a topic key is sent as aeg-sas-key over HTTPS")
    void keyOverHttps() {
        EventGridStub.SelfSignedCertificate certificate = EventGridStub.SelfSignedCertificate.get();
        try (EventGridStub https = EventGridStub.https(certificate)) {
            EventGridNotificationPublisher.create(EventGridClients.key(https, certificate),
                    EventGridSchema.EVENT_GRID, 1_000_000).publish(List.of(NEW_EVENT));

            EventGridStub.Request request = https.requests().get(0);
            assertThat(https.endpoint()).startsWith("https://127.0.0.1:");
            assertThat(request.header("aeg-sas-key")).isEqualTo(EventGridClients.KEY);
            assertThat(request.header("aeg-sas-token")).isNull();
            assertThat(request.body()).contains("\"id\":\"id-2\"");
        }
    }

    @Test
    @DisplayName("a long list goes out in several requests under the size limit, in order")
    void splitsLargeLists() {
        String payload = "{\"text\":\"" + "x".repeat(30_000) + "\"}";
        List<Notification> events = IntStream.rangeClosed(1, 70).mapToObj(i -> (Notification) new NewEventNotification(
                "id-" + i, ACCOUNT, "Thing Happened", "e" + i, i, 1, T1, WriteContext.EMPTY, payload)).toList();

        publisher(EventGridSchema.EVENT_GRID).publish(events);

        List<String> sentIds = new ArrayList<>();
        for (EventGridStub.Request request : http.requests()) {
            assertThat(request.body().length()).isLessThanOrEqualTo(1_000_000);
            sentIds.addAll(ids(request.body()));
        }
        assertThat(http.requests()).hasSizeGreaterThan(1);
        assertThat(sentIds).containsExactlyElementsOf(events.stream().map(Notification::id).toList());
    }

    @Test
    @DisplayName("a failed request reports how many notifications went out before it")
    void reportsPartialProgress() {
        AtomicInteger calls = new AtomicInteger();
        http.answer(() -> calls.incrementAndGet() == 1 ? 200 : 401);
        String payload = "{\"text\":\"" + "x".repeat(200_000) + "\"}";
        List<Notification> events = IntStream.rangeClosed(1, 8).mapToObj(i -> (Notification) new NewEventNotification(
                "id-" + i, ACCOUNT, "Thing Happened", "e" + i, i, 1, T1, WriteContext.EMPTY, payload)).toList();

        assertThatThrownBy(() -> publisher(EventGridSchema.EVENT_GRID).publish(events))
                .isInstanceOfSatisfying(NotificationPublishException.class,
                        e -> assertThat(e.publishedCount()).isEqualTo(ids(http.requests().get(0).body()).size()));
        assertThat(http.requests()).hasSize(2);
    }

    private static EventGridNotificationPublisher publisher(EventGridSchema schema) {
        return schema == EventGridSchema.EVENT_GRID
                ? EventGridNotificationPublisher.eventGridSchema(EventGridClients.eventGridSas(http), 1_000_000)
                : EventGridNotificationPublisher.cloudEventsSchema(EventGridClients.cloudEventsSas(http), 1_000_000);
    }

    static List<String> ids(String body) {
        try {
            List<String> ids = new ArrayList<>();
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).forEach(e -> ids.add(e.get("id").asText()));
            return ids;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static StreamId stream(String key) {
        return StreamId.of("Bank", "Account", key);
    }
}
