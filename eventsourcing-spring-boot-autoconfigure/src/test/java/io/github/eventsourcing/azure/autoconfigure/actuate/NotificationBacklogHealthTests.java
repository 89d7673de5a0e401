package io.github.eventsourcing.azure.autoconfigure.actuate;

import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.InMemoryEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.TableEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.notification.NotificationAutoConfiguration;
import io.github.eventsourcing.azure.notification.NotificationPublishException;
import io.github.eventsourcing.azure.notification.NotificationPublisher;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The notification backlog in the health contributor, on the Table backend (Azurite) with a publisher that fails. */
@DisplayName("The eventsourcing health contributor's notification backlog")
class NotificationBacklogHealthTests {

    @EventName("Parcel Shipped")
    record ParcelShipped(String to) {
    }

    private final AtomicInteger attempts = new AtomicInteger();
    private volatile boolean eventGridDown = true;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class,
                    InMemoryEventStoreAutoConfiguration.class, TableEventStoreAutoConfiguration.class,
                    NotificationAutoConfiguration.class, HealthContributorAutoConfiguration.class,
                    EventSourcingHealthAutoConfiguration.class))
            .withBean(NotificationPublisher.class, () -> notifications -> {
                attempts.incrementAndGet();
                if (eventGridDown) {
                    throw new NotificationPublishException("Event Grid is unreachable", 0, null);
                }
            })
            .withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=table",
                    "eventsourcing.table.table-name-prefix=backlog" + UUID.randomUUID().toString().substring(0, 8)
                            .replace("-", ""),
                    "eventsourcing.notifications.enabled=true",
                    "eventsourcing.notifications.dispatch.initial-backoff=50ms",
                    "eventsourcing.notifications.dispatch.max-backoff=200ms",
                    "eventsourcing.health.notifications.max-age=1s");

    @Test
    @DisplayName("turns DOWN once a write's notifications have waited longer than max-age, and UP once they are out")
    void downPastMaxAge() {
        runner.withPropertyValues("eventsourcing.connections.default.connection-string="
                + Azurite.get().connectionString()).run(context -> {
            HealthIndicator backlog = (HealthIndicator) context.getBean(EventSourcingHealthContributor.class)
                    .getContributor("notifications");
            assertThat(backlog.health().getStatus()).isEqualTo(Status.UP);

            context.getBean(EventStreams.class).stream("Shipping", "Parcel", "P-1").append(new ParcelShipped("Oslo"));
            await().until(() -> attempts.get() >= 2);
            assertThat(backlog.health().getStatus()).isEqualTo(Status.UP);
            assertThat(backlog.health().getDetails()).containsEntry("pendingStreams", 1)
                    .containsEntry("failingStreams", 1);

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(backlog.health().getStatus()).isEqualTo(Status.DOWN));

            eventGridDown = false;
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(backlog.health().getStatus()).isEqualTo(Status.UP));
            assertThat(backlog.health().getDetails()).containsEntry("pendingStreams", 0);
        });
    }

    @Test
    @DisplayName("is left out when notifications are off")
    void absentWithoutNotifications() {
        runner.withPropertyValues("eventsourcing.notifications.enabled=false",
                "eventsourcing.streams.[ALL.ALL].backend=in-memory").run(context ->
                assertThat(context.getBean(EventSourcingHealthContributor.class).getContributor("notifications"))
                        .isNull());
    }
}
