package io.github.eventsourcing.azure.actuate.internal;

import io.github.eventsourcing.azure.notification.internal.NotificationDispatcher.Backlog;
import io.github.eventsourcing.azure.spi.DeadLetter;
import io.github.eventsourcing.azure.stream.StreamId;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("NotificationBacklogHealthIndicator")
class NotificationBacklogHealthIndicatorTest {

    private static final Instant NOW = Instant.parse("2025-03-03T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    @DisplayName("is UP with an empty backlog")
    void empty() {
        Health health = indicator(new Backlog(0, 0, 0, null)).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("pendingStreams", 0).containsEntry("oldestPendingAge", "0ms")
                .containsEntry("maxAge", "300000ms");
    }

    @Test
    @DisplayName("is UP while the oldest unpublished notification is younger than the maximum age")
    void young() {
        Health health = indicator(new Backlog(3, 1, 0, NOW.minusSeconds(299))).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("pendingStreams", 3).containsEntry("failingStreams", 1)
                .containsEntry("oldestPendingAge", "299000ms");
    }

    @Test
    @DisplayName("is DOWN once the oldest unpublished notification is older than the maximum age")
    void old() {
        Health health = indicator(new Backlog(1, 1, 0, NOW.minusSeconds(301))).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("oldestPendingAge", "301000ms");
    }

    @Test
    @DisplayName("names the dead letters, their number and the oldest, and stays UP for them (they need a person)")
    void deadLetters() {
        StreamId stream = StreamId.of("Bank", "Account", "A-1");
        DeadLetter oldest = new DeadLetter(DeadLetter.idOf(DeadLetter.NOTIFICATION, stream, 3), DeadLetter.NOTIFICATION,
                stream, 3, 3, 10, "HTTP 400", NOW.minusSeconds(900), NOW.minusSeconds(60));
        DeadLetter newer = new DeadLetter(DeadLetter.idOf(DeadLetter.NOTIFICATION, stream, 9), DeadLetter.NOTIFICATION,
                stream, 9, 9, 10, "HTTP 413", NOW.minusSeconds(30), NOW.minusSeconds(1));

        Health health = new NotificationBacklogHealthIndicator(() -> new Backlog(0, 0, 1, null),
                () -> List.of(oldest, newer), Duration.ofMinutes(5), CLOCK).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("deadLetters", 2).containsEntry("deadLetteredStreams", 1);
        assertThat(health.getDetails().get("oldestDeadLetter")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("id", oldest.id()).containsEntry("instanceKey", "A-1").containsEntry("fromSequence", 3L)
                .containsEntry("lastError", "HTTP 400").containsEntry("firstFailedAt", "2025-03-03T08:45:00Z");
    }

    @Test
    @DisplayName("says the dead letters are unknown when they cannot be listed, and keeps the backlog's status")
    void deadLettersUnknown() {
        Health health = new NotificationBacklogHealthIndicator(() -> new Backlog(0, 0, 0, null), () -> {
            throw new IllegalStateException("storage unreachable");
        }, Duration.ofMinutes(5), CLOCK).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("deadLetters", "unknown: storage unreachable");
    }

    private static NotificationBacklogHealthIndicator indicator(Backlog backlog) {
        return new NotificationBacklogHealthIndicator(() -> backlog, List::of, Duration.ofMinutes(5), CLOCK);
    }
}
