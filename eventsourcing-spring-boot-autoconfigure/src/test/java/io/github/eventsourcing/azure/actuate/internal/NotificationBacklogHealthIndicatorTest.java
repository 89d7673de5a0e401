package io.github.eventsourcing.azure.actuate.internal;

import io.github.eventsourcing.azure.notification.internal.NotificationDispatcher.Backlog;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("NotificationBacklogHealthIndicator")
class NotificationBacklogHealthIndicatorTest {

    private static final Instant NOW = Instant.parse("2025-03-03T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    @DisplayName("is UP with an empty backlog")
    void empty() {
        Health health = indicator(new Backlog(0, 0, null)).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("pendingStreams", 0).containsEntry("oldestPendingAge", "0ms")
                .containsEntry("maxAge", "300000ms");
    }

    @Test
    @DisplayName("is UP while the oldest unpublished notification is younger than the maximum age")
    void young() {
        Health health = indicator(new Backlog(3, 1, NOW.minusSeconds(299))).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("pendingStreams", 3).containsEntry("failingStreams", 1)
                .containsEntry("oldestPendingAge", "299000ms");
    }

    @Test
    @DisplayName("is DOWN once the oldest unpublished notification is older than the maximum age")
    void old() {
        Health health = indicator(new Backlog(1, 1, NOW.minusSeconds(301))).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("oldestPendingAge", "301000ms");
    }

    private static NotificationBacklogHealthIndicator indicator(Backlog backlog) {
        return new NotificationBacklogHealthIndicator(() -> backlog, Duration.ofMinutes(5), CLOCK);
    }
}
