package io.github.eventsourcing.azure.notification.internal;

import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.github.eventsourcing.azure.blob.internal.AppendBlobEventStore;
import io.github.eventsourcing.azure.spi.DeadLetter;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.table.internal.TableEventStore;
import io.github.eventsourcing.azure.test.Azurite;
import io.github.eventsourcing.azure.test.eventgrid.DeliveredNotifications;
import io.github.eventsourcing.azure.test.eventgrid.DeliveredNotifications.Delivered;
import io.github.eventsourcing.azure.test.eventgrid.EventGridStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14, item 3: one bad write never stops notifications. Real backends on Azurite, the real Event Grid client and
 * a local topic that can refuse one stream's notifications (400) or go away altogether.
 */
@DisplayName("One bad write never stops notifications")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OneBadWriteTest {

    @EventName("Account Opened")
    record AccountOpened(String owner) {
    }

    @EventName("Money Deposited")
    record MoneyDeposited(long cents) {
    }

    private final List<AutoCloseable> running = new ArrayList<>();
    private final EventGridStub topic = EventGridStub.http();
    private final String prefix = "bad" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : running) {
            closeable.close();
        }
        topic.close();
    }

    @Test
    @DisplayName("(0) eight writers on one stream: every notification is published exactly once, although marks "
            + "lose races with the appends")
    void busyStreamPublishesEachNotificationOnce() throws Exception {
        NotifyingApp app = app(this::tableStore,
                new NotificationDispatcher.Settings(Duration.ofMillis(300), Duration.ZERO,
                        Duration.ofMillis(20), Duration.ofMillis(200), 100, 2, 10_000));
        String key = "HOT-" + UUID.randomUUID();
        app.account(key).append(new AccountOpened(key));
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < 8; writer++) {
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 8; i++) {
                        app.account(key).append(new MoneyDeposited(i));
                    }
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            writers.shutdown();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> delivered(key).size() >= 1 + 1 + 64);
        Thread.sleep(500); // time for a duplicate to show, if one were sent
        List<Delivered> delivered = delivered(key);
        assertThat(delivered).hasSize(66);
        assertThat(DeliveredNotifications.distinctIds(delivered)).hasSize(66);
    }

    @Test
    @DisplayName("(b) on the Table backend, notifications the topic keeps refusing become a dead letter in storage; "
            + "the stream's later ones wait behind it, the others go on; retry and skip release it")
    void deadLetterOnTable() {
        assertDeadLetters(this::tableStore);
    }

    @Test
    @DisplayName("(b) on the AppendBlob backend, the same")
    void deadLetterOnAppendBlob() {
        assertDeadLetters(() -> new AppendBlobEventStore(new BlobServiceClientBuilder()
                .connectionString(Azurite.get().connectionString()).buildClient(), prefix));
    }

    @Test
    @DisplayName("(c) a stream the topic refuses backs off alone: other streams are published at once meanwhile")
    void oneFailingStreamPausesNoOther() {
        // Long back-offs: a pause of everything after the refusal would hold the other stream for seconds.
        NotifyingApp app = app(this::tableStore,
                new NotificationDispatcher.Settings(Duration.ofMinutes(5), Duration.ZERO,
                        Duration.ofSeconds(5), Duration.ofSeconds(30), 100, 2, 10_000, 100, Duration.ofSeconds(4)));
        String bad = "BAD-" + UUID.randomUUID();
        topic.answerEach(request -> request.body().contains(bad) ? 400 : 200);
        app.account(bad).append(new AccountOpened(bad));
        await().until(() -> topic.requests().stream().anyMatch(request -> request.body().contains(bad)));

        String good = "GOOD-" + UUID.randomUUID();
        long start = System.nanoTime();
        app.account(good).append(new AccountOpened(good));

        await().atMost(Duration.ofSeconds(3)).until(() -> delivered(good).size() == 2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(delivered(bad)).isEmpty();
    }

    @Test
    @DisplayName("(c) after the topic was unreachable, the whole backlog is published within 5 s of its return")
    void backlogDrainsSoonAfterTopicReturns() {
        NotifyingApp app = app(this::tableStore,
                new NotificationDispatcher.Settings(Duration.ofMinutes(5), Duration.ZERO,
                        Duration.ofMillis(100), Duration.ofMinutes(5), 100, 2, 10_000, 3, Duration.ofSeconds(4)));
        topic.goAway();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String key = "OUT-" + i + "-" + UUID.randomUUID();
            keys.add(key);
            app.account(key).append(new AccountOpened(key));
        }
        sleep(3_000); // long enough for pauses of seconds, and for many more attempts than 3

        topic.comeBack();
        long back = System.nanoTime();

        await().atMost(Duration.ofSeconds(10)).until(() -> keys.stream().allMatch(key -> delivered(key).size() == 2));
        assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofSeconds(5));
        assertThat(app.deadLetters.list()).as("an unreachable topic is no stream's fault").isEmpty();
    }

    private void assertDeadLetters(Supplier<EventStore> stores) {
        NotifyingApp app = app(stores,
                new NotificationDispatcher.Settings(Duration.ofMinutes(5), Duration.ZERO,
                        Duration.ofMillis(20), Duration.ofMillis(100), 100, 2, 10_000, 3, Duration.ofSeconds(1)));
        String bad = "BAD-" + UUID.randomUUID();
        String good = "GOOD-" + UUID.randomUUID();
        topic.answerEach(request -> request.body().contains(bad) && request.body().contains("\"sequenceNumber\":2")
                ? 400 : 200);
        app.account(bad).append(List.of(new AccountOpened(bad), new MoneyDeposited(1), new MoneyDeposited(2)),
                AppendOptions.DEFAULT);
        app.account(good).append(new AccountOpened(good));

        // Events 1 and 3 are fine, event 2 is refused: what goes before it is published, it becomes a dead letter.
        await().until(() -> !app.deadLetters.list().isEmpty());
        DeadLetter letter = app.deadLetters.list().get(0);
        assertThat(letter.kind()).isEqualTo(DeadLetter.NOTIFICATION);
        assertThat(letter.stream().instanceKey()).isEqualTo(bad);
        assertThat(letter.fromSequence()).isEqualTo(2);
        assertThat(letter.toSequence()).isEqualTo(2);
        assertThat(letter.attempts()).isEqualTo(3);
        assertThat(letter.lastError()).contains("400");
        assertThat(app.store.deadLetters().orElseThrow().list()).as("kept in storage").containsExactly(letter);
        await().until(() -> delivered(good).size() == 2);
        assertThat(kinds(bad)).containsExactly("NewEntity", "NewEvent#1");

        // The stream's later notifications wait behind the dead letter; other streams go on.
        app.account(bad).append(new MoneyDeposited(4));
        app.account(good).append(new MoneyDeposited(1));
        await().until(() -> delivered(good).size() == 3);
        sleep(300);
        assertThat(kinds(bad)).containsExactly("NewEntity", "NewEvent#1");

        // Retried once the topic takes it: the rest of the stream follows, in order.
        topic.answer(200);
        assertThat(app.deadLetters.retry(letter.id())).contains(letter);
        await().until(() -> kinds(bad).size() == 5);
        assertThat(kinds(bad)).containsExactly("NewEntity", "NewEvent#1", "NewEvent#2", "NewEvent#3", "NewEvent#4");
        assertThat(app.deadLetters.list()).isEmpty();
        assertThat(app.deadLetters.retry(letter.id())).as("retried already").isEmpty();

        // Skipped: that event is never announced, the stream goes on after it.
        topic.answerEach(request -> request.body().contains("\"sequenceNumber\":5") ? 400 : 200);
        app.account(bad).append(new MoneyDeposited(5));
        await().until(() -> !app.deadLetters.list().isEmpty());
        DeadLetter skipped = app.deadLetters.list().get(0);
        assertThat(skipped.fromSequence()).isEqualTo(5);
        app.account(bad).append(new MoneyDeposited(6));
        assertThat(app.deadLetters.skip(skipped.id())).contains(skipped);
        await().until(() -> kinds(bad).contains("NewEvent#6"));
        assertThat(kinds(bad)).containsExactly("NewEntity", "NewEvent#1", "NewEvent#2", "NewEvent#3", "NewEvent#4",
                "NewEvent#6");
        assertThat(app.store.deadLetters().orElseThrow().list()).isEmpty();
        await().until(() -> app.dispatcher.backlog().streams() == 0);
    }

    private EventStore tableStore() {
        return new TableEventStore(new TableServiceClientBuilder().connectionString(Azurite.get().connectionString())
                .buildClient(), prefix);
    }

    /** The notifications accepted for the stream, in order. */
    private List<Delivered> delivered(String key) {
        return DeliveredNotifications.of(topic).stream().filter(d -> d.instanceKey().equals(key)).toList();
    }

    private List<String> kinds(String key) {
        return delivered(key).stream().map(d -> d.kind().equals("NewEvent") ? "NewEvent#" + d.sequence() : d.kind())
                .toList();
    }

    private NotifyingApp app(Supplier<EventStore> stores, NotificationDispatcher.Settings settings) {
        NotifyingApp app = new NotifyingApp(stores.get(), topic, settings,
                List.of(AccountOpened.class, MoneyDeposited.class));
        running.add(app);
        return app;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
