package io.github.eventsourcing.azure.notification.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventsourcing.azure.notification.ClassificationCompletedNotification;
import io.github.eventsourcing.azure.notification.DeletedEntityNotification;
import io.github.eventsourcing.azure.notification.NewEntityNotification;
import io.github.eventsourcing.azure.notification.NewEventNotification;
import io.github.eventsourcing.azure.notification.Notification;
import io.github.eventsourcing.azure.notification.ProjectionCompletedNotification;
import io.github.eventsourcing.azure.notification.QueryCompletedNotification;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Notification data as JSON")
class NotificationJsonTest {

    static final StreamId ACCOUNT = StreamId.of("Bank", "Account", "A-0001");
    static final Instant T1 = Instant.parse("2026-01-02T03:04:05.678Z");
    static final Instant T2 = Instant.parse("2026-01-02T03:04:06Z");
    static final WriteContext CONTEXT = new WriteContext("ann", "teller-app", "opening", "corr-1", "cmd-9",
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

    static final NewEntityNotification NEW_ENTITY = new NewEntityNotification("id-1", ACCOUNT, T1, CONTEXT);
    static final NewEventNotification NEW_EVENT = new NewEventNotification("id-2", ACCOUNT, "Money Deposited", "ev-1",
            1, 1, T1, CONTEXT, "{\"amount\":100.50,\"currency\":\"EUR\"}");
    static final DeletedEntityNotification DELETED = new DeletedEntityNotification("id-3", ACCOUNT, T2, 7);
    static final ProjectionCompletedNotification PROJECTED = new ProjectionCompletedNotification("id-4", ACCOUNT,
            "Balance", 7, T1, T2, "{\"balance\":42}");
    static final ClassificationCompletedNotification CLASSIFIED = new ClassificationCompletedNotification("id-5",
            ACCOUNT, "Balance Below Threshold", true, true, false, 7, T1, T2, "{\"threshold\":100}");
    static final QueryCompletedNotification QUERIED = new QueryCompletedNotification("id-6",
            StreamId.of("Bank", "Command-QueryHighestBalance", "q-1"), "Bank.HighestBalance", T2,
            "{\"accountNumber\":\"A-1\",\"balance\":100.50}");

    @Test
    @DisplayName("a new-entity notification carries the stream, its creation time and the creating write context")
    void newEntity() {
        assertThat(NotificationJson.data(NEW_ENTITY)).isEqualTo("{\"kind\":\"NewEntity\",\"domain\":\"Bank\","
                + "\"entityType\":\"Account\",\"instanceKey\":\"A-0001\",\"createdAt\":\"2026-01-02T03:04:05.678Z\","
                + "\"commentary\":\"opening\",\"who\":\"ann\",\"source\":\"teller-app\",\"correlationId\":\"corr-1\","
                + "\"causationId\":\"cmd-9\",\"traceParent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"}");
    }

    @Test
    @DisplayName("a new-event notification carries the business name, sequence, write time, context and the payload as JSON")
    void newEvent() {
        assertThat(NotificationJson.data(NEW_EVENT)).isEqualTo("{\"kind\":\"NewEvent\",\"domain\":\"Bank\","
                + "\"entityType\":\"Account\",\"instanceKey\":\"A-0001\",\"eventType\":\"Money Deposited\","
                + "\"eventId\":\"ev-1\",\"sequenceNumber\":1,\"schemaVersion\":1,"
                + "\"writtenAt\":\"2026-01-02T03:04:05.678Z\",\"commentary\":\"opening\",\"who\":\"ann\","
                + "\"source\":\"teller-app\",\"correlationId\":\"corr-1\",\"causationId\":\"cmd-9\","
                + "\"traceParent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\","
                + "\"eventPayload\":{\"amount\":100.50,\"currency\":\"EUR\"}}");
    }

    @Test
    @DisplayName("absent write-context fields are left out")
    void absentFieldsLeftOut() {
        NewEntityNotification bare = new NewEntityNotification("id", ACCOUNT, T2, WriteContext.EMPTY);
        assertThat(NotificationJson.data(bare)).isEqualTo("{\"kind\":\"NewEntity\",\"domain\":\"Bank\","
                + "\"entityType\":\"Account\",\"instanceKey\":\"A-0001\",\"createdAt\":\"2026-01-02T03:04:06Z\"}");
    }

    @Test
    @DisplayName("deleted-entity, projection- and classification-completed notifications have their own fields")
    void otherKinds() {
        assertThat(NotificationJson.data(DELETED)).isEqualTo("{\"kind\":\"DeletedEntity\",\"domain\":\"Bank\","
                + "\"entityType\":\"Account\",\"instanceKey\":\"A-0001\",\"deletedAt\":\"2026-01-02T03:04:06Z\","
                + "\"version\":7}");
        assertThat(NotificationJson.data(PROJECTED)).isEqualTo("{\"kind\":\"ProjectionCompleted\",\"domain\":\"Bank\","
                + "\"entityType\":\"Account\",\"instanceKey\":\"A-0001\",\"projectionName\":\"Balance\","
                + "\"asOfSequence\":7,\"asOfTime\":\"2026-01-02T03:04:05.678Z\","
                + "\"completedAt\":\"2026-01-02T03:04:06Z\",\"state\":{\"balance\":42}}");
        assertThat(NotificationJson.data(CLASSIFIED)).isEqualTo("{\"kind\":\"ClassificationCompleted\","
                + "\"domain\":\"Bank\",\"entityType\":\"Account\",\"instanceKey\":\"A-0001\","
                + "\"classificationName\":\"Balance Below Threshold\",\"included\":true,\"wasEverIncluded\":true,"
                + "\"wasEverExcluded\":false,\"asOfSequence\":7,\"asOfTime\":\"2026-01-02T03:04:05.678Z\","
                + "\"completedAt\":\"2026-01-02T03:04:06Z\",\"parameters\":{\"threshold\":100}}");
    }

    @Test
    @DisplayName("a query-completed notification carries the query type, when it completed and the result as JSON")
    void queryCompleted() {
        assertThat(NotificationJson.data(QUERIED)).isEqualTo("{\"kind\":\"QueryCompleted\",\"domain\":\"Bank\","
                + "\"entityType\":\"Command-QueryHighestBalance\",\"instanceKey\":\"q-1\","
                + "\"queryType\":\"Bank.HighestBalance\",\"completedAt\":\"2026-01-02T03:04:06Z\","
                + "\"result\":{\"accountNumber\":\"A-1\",\"balance\":100.50}}");
    }

    @Test
    @DisplayName("every kind reads back from its JSON as the same notification")
    void roundTrip() throws Exception {
        ObjectMapper mapper = NotificationJson.TREES;
        for (Notification notification : List.of(NEW_ENTITY, NEW_EVENT, DELETED, PROJECTED, CLASSIFIED, QUERIED)) {
            Notification read = NotificationJson.parse(notification.id(),
                    mapper.readTree(NotificationJson.data(notification)));
            assertThat(read).isEqualTo(notification);
        }
    }

    @Test
    @DisplayName("data of another publisher is not a notification; a notification missing a required field is malformed")
    void foreignAndMalformedData() throws Exception {
        ObjectMapper mapper = NotificationJson.TREES;
        assertThat(NotificationJson.parse("x", mapper.readTree("{\"temperature\":21}"))).isNull();
        assertThat(NotificationJson.parse("x", mapper.readTree("[1,2]"))).isNull();
        assertThatThrownBy(() -> NotificationJson.parse("x", mapper.readTree(
                "{\"kind\":\"NewEvent\",\"domain\":\"Bank\",\"entityType\":\"Account\",\"instanceKey\":\"A\","
                        + "\"eventType\":\"Money Deposited\",\"writtenAt\":\"2026-01-02T03:04:06Z\"}")))
                .isInstanceOf(MalformedNotificationException.class).hasMessageContaining("sequenceNumber");
        assertThatThrownBy(() -> NotificationJson.parse("x", mapper.readTree(
                "{\"kind\":\"NewEntity\",\"domain\":\"Bank\",\"entityType\":\"Account\",\"instanceKey\":\"A\","
                        + "\"createdAt\":\"yesterday\"}")))
                .isInstanceOf(MalformedNotificationException.class).hasMessageContaining("createdAt");
        assertThatThrownBy(() -> NotificationJson.parse("x", mapper.readTree(
                "{\"kind\":\"NewEntity\",\"domain\":\"Bank.X\",\"entityType\":\"Account\",\"instanceKey\":\"A\","
                        + "\"createdAt\":\"2026-01-02T03:04:06Z\"}")))
                .isInstanceOf(MalformedNotificationException.class).hasMessageContaining("invalid stream");
    }
}
