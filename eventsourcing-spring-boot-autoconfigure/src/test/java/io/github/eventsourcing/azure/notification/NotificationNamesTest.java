package io.github.eventsourcing.azure.notification;

import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Notification event types and subjects")
class NotificationNamesTest {

    private static final StreamId ACCOUNT = StreamId.of("Bank", "Account", "A-0001");
    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    @DisplayName("an event's business name goes into the event type verbatim, spaces included, as the original published it")
    void eventNameVerbatimInEventType() {
        NewEventNotification deposited = event(ACCOUNT, "Money Deposited");

        assertThat(deposited.eventType()).isEqualTo("Bank.Account.Money Deposited");
        assertThat(deposited.subject()).isEqualTo("eventsourcing/Bank/Account/Money Deposited/A-0001");
    }

    @Test
    @DisplayName("entity notifications have NewEntity / DeletedEntity as the last event type segment and no name slot")
    void entityNotifications() {
        NewEntityNotification created = new NewEntityNotification("1", ACCOUNT, T, WriteContext.EMPTY);
        DeletedEntityNotification deleted = new DeletedEntityNotification("2", ACCOUNT, T, 3);

        assertThat(created.eventType()).isEqualTo("Bank.Account.NewEntity");
        assertThat(deleted.eventType()).isEqualTo("Bank.Account.DeletedEntity");
        assertThat(created.subject()).isEqualTo("eventsourcing/Bank/Account/A-0001");
        assertThat(deleted.subject()).isEqualTo("eventsourcing/Bank/Account/A-0001");
    }

    @Test
    @DisplayName("projection and classification names take the event slot")
    void projectionAndClassificationNames() {
        ProjectionCompletedNotification balance = new ProjectionCompletedNotification("1", ACCOUNT, "Balance", 4, T, T,
                "{}");
        ClassificationCompletedNotification below = new ClassificationCompletedNotification("2", ACCOUNT,
                "Balance Below Threshold", true, true, false, 4, T, T, null);

        assertThat(balance.eventType()).isEqualTo("Bank.Account.Balance");
        assertThat(balance.subject()).isEqualTo("eventsourcing/Bank/Account/Balance/A-0001");
        assertThat(below.eventType()).isEqualTo("Bank.Account.Balance Below Threshold");
        assertThat(below.subject()).isEqualTo("eventsourcing/Bank/Account/Balance Below Threshold/A-0001");
    }

    @Test
    @DisplayName("the instance key is percent-encoded as a URL path segment: only unreserved characters stay")
    void instanceKeyPercentEncoded() {
        assertThat(NotificationNames.instanceKeySegment("A-0001.x_y~z")).isEqualTo("A-0001.x_y~z");
        assertThat(NotificationNames.instanceKeySegment("Smith/John")).isEqualTo("Smith%2FJohn");
        assertThat(NotificationNames.instanceKeySegment("a b+c?d#e%f")).isEqualTo("a%20b%2Bc%3Fd%23e%25f");
        assertThat(NotificationNames.instanceKeySegment("Zoë 🙂")).isEqualTo("Zo%C3%AB%20%F0%9F%99%82");
        assertThat(event(StreamId.of("Bank", "Account", "Smith/John"), "Money Deposited").subject())
                .isEqualTo("eventsourcing/Bank/Account/Money Deposited/Smith%2FJohn");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"A-0001", "Smith/John", "a b+c?d#e%f", "Zoë 🙂", "100%", "%2F", "\\back\\slash"})
    @DisplayName("the instance key decodes back exactly")
    void instanceKeyRoundTrips(String key) {
        assertThat(NotificationNames.decodeSegment(NotificationNames.instanceKeySegment(key))).isEqualTo(key);
    }

    @Test
    @DisplayName("a name with a slash or a percent sign keeps the subject's segment count and decodes back")
    void nameWithSlash() {
        NewEventNotification odd = event(ACCOUNT, "In/Out 100%");

        assertThat(odd.subject()).isEqualTo("eventsourcing/Bank/Account/In%2FOut 100%25/A-0001");
        assertThat(odd.subject().split("/")).hasSize(5);
        assertThat(NotificationNames.decodeSegment("In%2FOut 100%25")).isEqualTo("In/Out 100%");
        assertThat(odd.eventType()).isEqualTo("Bank.Account.In/Out 100%");
    }

    private static NewEventNotification event(StreamId id, String name) {
        return new NewEventNotification("x", id, name, "e", 1, 1, T, WriteContext.EMPTY, "{}");
    }
}
