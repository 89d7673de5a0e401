package io.github.eventsourcing.azure.notification.internal;

import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.test.eventgrid.EventGridClients;
import io.github.eventsourcing.azure.test.eventgrid.EventGridStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the dispatcher reports of its backlog (for the health indicator), while Event Grid fails and once it is back. */
@DisplayName("The notification dispatcher's backlog")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NotificationDispatcherBacklogTest {

    private final SimulatedChangeFeed feed = new SimulatedChangeFeed("backlog-test");
    private final EventGridStub endpoint = EventGridStub.http();
    private final NotificationDispatcher dispatcher = new NotificationDispatcher(
            EventGridNotificationPublisher.eventGridSchema(EventGridClients.eventGridSas(endpoint), 1_000_000),
            NotificationSwitches.defaults(), NotificationDispatcherTest.FAST, Clock.systemUTC());

    @AfterEach
    void stop() {
        dispatcher.close();
        endpoint.close();
    }

    @Test
    @DisplayName("is empty while everything is published")
    void empty() {
        dispatcher.register(feed);
        dispatcher.start();
        StreamId account = StreamId.of("Bank", "Account", "A-1");
        feed.append(account, WriteContext.EMPTY, "Account Opened");
        dispatcher.kick(feed, account);

        await().until(() -> !feed.isPending(account));

        await().untilAsserted(() -> assertThat(dispatcher.backlog())
                .isEqualTo(new NotificationDispatcher.Backlog(0, 0, 0, null)));
    }

    @Test
    @DisplayName("keeps the time it first knew of a stream it cannot publish, across retries, and clears it once published")
    void agesWhileFailing() {
        endpoint.answer(503);
        dispatcher.register(feed);
        dispatcher.start();
        StreamId account = StreamId.of("Bank", "Account", "A-2");
        feed.append(account, WriteContext.EMPTY, "Account Opened");
        Instant beforeKick = Instant.now();

        dispatcher.kick(feed, account);
        await().until(() -> endpoint.requests().size() >= 3);

        NotificationDispatcher.Backlog failing = dispatcher.backlog();
        assertThat(failing.streams()).isEqualTo(1);
        assertThat(failing.failingStreams()).isEqualTo(1);
        assertThat(failing.oldestPendingSince()).isBetween(beforeKick, Instant.now());
        await().until(() -> endpoint.requests().size() >= 5);
        assertThat(dispatcher.backlog().oldestPendingSince()).isEqualTo(failing.oldestPendingSince());

        endpoint.answer(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> !feed.isPending(account));
        await().untilAsserted(() -> assertThat(dispatcher.backlog().streams()).isZero());
        assertThat(dispatcher.backlog().oldestPendingSince()).isNull();
    }
}
