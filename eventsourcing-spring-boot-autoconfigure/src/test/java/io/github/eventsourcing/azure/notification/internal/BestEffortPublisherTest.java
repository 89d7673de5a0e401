package io.github.eventsourcing.azure.notification.internal;

import io.github.eventsourcing.azure.notification.DeletedEntityNotification;
import io.github.eventsourcing.azure.notification.Notification;
import io.github.eventsourcing.azure.stream.StreamId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@DisplayName("Publishing best effort")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BestEffortPublisherTest {

    private final List<String> published = new CopyOnWriteArrayList<>();
    private final BestEffortPublisher publisher = new BestEffortPublisher(
            notifications -> notifications.forEach(notification -> published.add(notification.streamId().instanceKey())),
            100);

    @AfterEach
    void close() {
        publisher.close();
    }

    @Test
    @DisplayName("holds what is submitted until it is started, then publishes it in order")
    void holdsUntilStarted() {
        publisher.submit(() -> deletionOf("A-1"));
        publisher.submit(() -> deletionOf("A-2"));

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(published::isEmpty);
        assertThat(publisher.isRunning()).isFalse();
        publisher.start();

        assertThat(publisher.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        assertThat(published).containsExactly("A-1", "A-2");
    }

    @Test
    @DisplayName("stopping publishes what is queued; what comes after waits until it starts again")
    void stopsAndStartsAgain() {
        publisher.start();
        publisher.submit(() -> {
            sleep(200); // still queued or in progress when stop() is called
            return deletionOf("A-3");
        });

        publisher.stop();

        assertThat(published).containsExactly("A-3");
        publisher.submit(() -> deletionOf("A-4"));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> published.size() == 1);
        publisher.start();
        await().until(() -> published.size() == 2);
        assertThat(published).containsExactly("A-3", "A-4");
    }

    @Test
    @DisplayName("closed without having been started, it drops what is queued instead of publishing it")
    void closedBeforeStart() {
        publisher.submit(() -> deletionOf("A-5"));

        publisher.close();

        assertThat(published).isEmpty();
        publisher.start();
        assertThat(publisher.isRunning()).isFalse();
    }

    private static List<Notification> deletionOf(String key) {
        StreamId id = StreamId.of("Bank", "Account", key);
        return List.of(new DeletedEntityNotification(NotificationIds.deletedEntity(id, "g"), id, Instant.now(), 1));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
