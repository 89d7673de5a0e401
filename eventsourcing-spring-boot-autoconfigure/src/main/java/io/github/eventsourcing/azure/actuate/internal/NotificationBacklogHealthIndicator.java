package io.github.eventsourcing.azure.actuate.internal;

import io.github.eventsourcing.azure.notification.internal.NotificationDispatcher;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The backlog of change notifications this instance has not published yet: DOWN once the oldest of them has waited
 * longer than the configured maximum age (Event Grid unreachable or refusing, say). Notifications are never lost
 * meanwhile (they stay recorded in storage); the status says that subscribers are falling behind.
 */
public final class NotificationBacklogHealthIndicator implements HealthIndicator {

    private final Supplier<NotificationDispatcher.Backlog> backlog;
    private final Duration maxAge;
    private final Clock clock;

    /**
     * @param backlog what the dispatcher knows is unpublished
     * @param maxAge  how long the oldest unpublished notification may wait before the status is DOWN
     */
    public NotificationBacklogHealthIndicator(Supplier<NotificationDispatcher.Backlog> backlog, Duration maxAge,
                                              Clock clock) {
        this.backlog = backlog;
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
                .withDetail("oldestPendingAge", age.toMillis() + "ms")
                .withDetail("maxAge", maxAge.toMillis() + "ms")
                .build();
    }
}
