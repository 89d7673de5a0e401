package io.github.eventsourcing.azure.observation.internal;

import io.github.eventsourcing.azure.notification.DeletedEntityNotification;
import io.github.eventsourcing.azure.notification.Notification;
import io.github.eventsourcing.azure.notification.NotificationPublishException;
import io.github.eventsourcing.azure.notification.NotificationPublisher;
import io.github.eventsourcing.azure.stream.StreamId;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("ObservedNotificationPublisher")
class ObservedNotificationPublisherTest {

    private final TestObservationRegistry registry = TestObservationRegistry.create();
    private final List<Notification> sent = new ArrayList<>();

    @Test
    @DisplayName("observes a batch with its domain, entity, outcome ok and the number published")
    void observesBatch() {
        NotificationPublisher observed = new ObservedNotificationPublisher(sent::addAll, registry, null);
        List<Notification> batch = List.of(deleted("Bank", "Account", "A-1"), deleted("Bank", "Account", "A-2"));

        observed.publish(batch);

        assertThat(sent).isEqualTo(batch);
        assertThat(registry).hasObservationWithNameEqualTo("eventsourcing.notification.publish").that()
                .hasContextualNameEqualTo("publish notifications Bank.Account")
                .hasLowCardinalityKeyValue("eventsourcing.domain", "Bank")
                .hasLowCardinalityKeyValue("eventsourcing.entity", "Account")
                .hasLowCardinalityKeyValue("eventsourcing.outcome", "ok")
                .hasHighCardinalityKeyValue("eventsourcing.notifications", "2")
                .hasHighCardinalityKeyValue("eventsourcing.notifications.published", "2");
    }

    @Test
    @DisplayName("observes a failed batch as outcome error, with how many went out before the failure")
    void observesFailure() {
        NotificationPublishException refused = new NotificationPublishException("Event Grid answered 503", 1, null);
        NotificationPublisher failing = notifications -> {
            throw refused;
        };
        NotificationPublisher observed = new ObservedNotificationPublisher(failing, registry, null);

        assertThatThrownBy(() -> observed.publish(List.of(deleted("Bank", "Account", "A-1"),
                deleted("Shop", "Order", "O-1")))).isSameAs(refused);

        assertThat(registry).hasObservationWithNameEqualTo("eventsourcing.notification.publish").that()
                .hasLowCardinalityKeyValue("eventsourcing.domain", "mixed")
                .hasLowCardinalityKeyValue("eventsourcing.entity", "mixed")
                .hasLowCardinalityKeyValue("eventsourcing.outcome", "error")
                .hasHighCardinalityKeyValue("eventsourcing.notifications.published", "1")
                .hasError(refused);
    }

    @Test
    @DisplayName("makes no observation of an empty batch")
    void emptyBatch() {
        new ObservedNotificationPublisher(sent::addAll, registry, null).publish(List.of());

        assertThat(registry).doesNotHaveAnyObservation();
    }

    private static Notification deleted(String domain, String entity, String key) {
        return new DeletedEntityNotification(key + "-deleted", StreamId.of(domain, entity, key), Instant.EPOCH, 3);
    }
}
