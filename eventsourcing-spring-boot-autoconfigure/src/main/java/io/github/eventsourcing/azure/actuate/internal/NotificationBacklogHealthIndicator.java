package io.github.eventsourcing.azure.actuate.internal;

import io.github.eventsourcing.azure.notification.internal.NotificationDispatcher;
import io.github.eventsourcing.azure.spi.DeadLetter;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The backlog of change notifications this instance has not published yet: DOWN once the oldest of them has waited
 * longer than the configured maximum age (Event Grid unreachable or refusing, say). Notifications are never lost
 * meanwhile (they stay recorded in storage); the status says that subscribers are falling behind.
 *
 * <p>The details also name the dead letters: their number and the oldest. A dead letter leaves the status as it is:
 * it needs a person to retry or skip it, which no restart would do.
 */
public final class NotificationBacklogHealthIndicator implements HealthIndicator {

    private final Supplier<NotificationDispatcher.Backlog> backlog;
    private final Duration maxAge;
    private final Supplier<List<DeadLetter>> deadLetters;
    private final Clock clock;

    /**
     * @param backlog     what the dispatcher knows is unpublished
     * @param deadLetters the notifications set aside
     * @param maxAge      how long the oldest unpublished notification may wait before the status is DOWN
     */
    public NotificationBacklogHealthIndicator(Supplier<NotificationDispatcher.Backlog> backlog,
                                              Supplier<List<DeadLetter>> deadLetters, Duration maxAge, Clock clock) {
        this.backlog = backlog;
        this.deadLetters = deadLetters;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public Health health() {
        NotificationDispatcher.Backlog current = backlog.get();
        Duration age = current.oldestPendingSince() == null ? Duration.ZERO
                : Duration.between(current.oldestPendingSince(), clock.instant());
        Health.Builder health = age.compareTo(maxAge) > 0 ? Health.down() : Health.up();
        return health.withDetail("pendingStreams", current.streams())
                .withDetail("failingStreams", current.failingStreams())
                .withDetail("deadLetteredStreams", current.deadLetteredStreams())
                .withDetail("oldestPendingAge", age.toMillis() + "ms")
                .withDetail("maxAge", maxAge.toMillis() + "ms")
                .withDetails(DeadLetterDetails.of(deadLetters))
                .build();
    }
}
