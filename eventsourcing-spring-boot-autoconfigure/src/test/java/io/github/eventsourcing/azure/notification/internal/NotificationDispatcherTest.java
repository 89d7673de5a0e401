package io.github.eventsourcing.azure.notification.internal;

import io.github.eventsourcing.azure.notification.NotificationKind;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.test.eventgrid.DeliveredNotifications.Delivered;
import io.github.eventsourcing.azure.test.eventgrid.DeliveredNotifications;
import io.github.eventsourcing.azure.test.eventgrid.EventGridClients;
import io.github.eventsourcing.azure.test.eventgrid.EventGridStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dispatcher over a simulated durable feed, publishing with the real SDK client to a local endpoint that can
 * fail. The backends' feeds are exercised the same way against Azurite in their own tests.
 */
@DisplayName("Dispatching notifications of durable writes")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(OutputCaptureExtension.class)
class NotificationDispatcherTest {

    static final NotificationDispatcher.Settings FAST = new NotificationDispatcher.Settings(Duration.ofMillis(200),
            Duration.ZERO, Duration.ofMillis(20), Duration.ofMillis(200), 100, 2, 10_000);

    private final SimulatedChangeFeed feed = new SimulatedChangeFeed("test");
    private final List<NotificationDispatcher> dispatchers = new ArrayList<>();
    private EventGridStub endpoint;

    @BeforeEach
    void startEndpoint() {
        endpoint = EventGridStub.http();
    }

    @AfterEach
    void stop() {
        dispatchers.forEach(NotificationDispatcher::close);
        endpoint.close();
    }

    @Test
    @DisplayName("a kicked stream's creation and events are published in order, in one request, and marked published")
    void publishesKickedStream() {
        NotificationDispatcher dispatcher = dispatcher(Duration.ofHours(1));
        StreamId account = account("A-1");
        feed.append(account, WriteContext.EMPTY.withCorrelationId("c-1"), "Account Opened", "Money Deposited");

        dispatcher.kick(feed, account);

        await().until(() -> !feed.isPending(account));
        List<Delivered> delivered = DeliveredNotifications.of(endpoint);
        assertThat(delivered).extracting(Delivered::eventType).containsExactly("Bank.Account.NewEntity",
                "Bank.Account.Account Opened", "Bank.Account.Money Deposited");
        assertThat(delivered).extracting(Delivered::request).containsOnly(1);
    }

    @Test
    @DisplayName("polling finds streams nobody kicked (written by a process that died), also at start-up")
    void pollingFindsUnkickedStreams() {
        StreamId account = account("A-2");
        feed.append(account, WriteContext.EMPTY, "Account Opened");

        dispatcher(Duration.ofMillis(100));

        await().until(() -> !feed.isPending(account));
        assertThat(DeliveredNotifications.of(endpoint)).extracting(Delivered::kind).containsExactly("NewEntity", "NewEvent");
    }

    @Test
    @DisplayName("while the endpoint fails (5xx, then unreachable) nothing is marked; once it is back, everything arrives")
    void survivesOutage() {
        NotificationDispatcher dispatcher = dispatcher(Duration.ofMillis(100));
        endpoint.answer(503);
        StreamId first = account("A-3");
        feed.append(first, WriteContext.EMPTY, "Account Opened");
        dispatcher.kick(feed, first);
        await().until(() -> endpoint.requests().size() >= 3);
        endpoint.goAway();
        StreamId second = account("A-4");
        feed.append(second, WriteContext.EMPTY, "Account Opened", "Money Deposited");
        dispatcher.kick(feed, second);
        sleep(300);
        assertThat(feed.isPending(first)).isTrue();
        assertThat(feed.isPending(second)).isTrue();

        endpoint.answer(200);
        endpoint.comeBack();

        await().until(() -> !feed.isPending(first) && !feed.isPending(second));
        List<Delivered> delivered = DeliveredNotifications.of(endpoint);
        assertThat(DeliveredNotifications.distinctIds(delivered)).hasSize(5);
        assertNewEntityFirst(delivered, "A-3");
        assertNewEntityFirst(delivered, "A-4");
    }

    @Test
    @DisplayName("losing the race for a busy stream's mark is retried quietly, without a warning, a pause or a re-send")
    void contendedMarkIsRoutine(CapturedOutput output) {
        NotificationDispatcher dispatcher = dispatcher(Duration.ofHours(1));
        StreamId account = account("A-busy");
        feed.append(account, WriteContext.EMPTY, "Account Opened");
        feed.contendNextMarks(5);

        dispatcher.kick(feed, account);

        await().until(() -> !feed.isPending(account));
        assertThat(feed.marks()).isEqualTo(6);
        assertThat(DeliveredNotifications.of(endpoint)).extracting(Delivered::kind)
                .as("each notification published once, although its mark was recorded only at the sixth attempt")
                .containsExactly("NewEntity", "NewEvent");
        // Only this dispatcher's lines: the capture holds the whole JVM's output, other tests' contexts included.
        assertThat(output.getAll().lines().filter(line -> line.contains(NotificationDispatcher.class.getSimpleName()))
                .filter(line -> line.contains("WARN") || line.contains("ERROR")))
                .as("lines the dispatcher logged at WARN or ERROR").isEmpty();
    }

    @Test
    @DisplayName("a dispatcher restarted after an outage publishes what the previous one could not")
    void restartResumes() {
        endpoint.answer(503);
        NotificationDispatcher before = dispatcher(Duration.ofHours(1));
        StreamId account = account("A-5");
        feed.append(account, WriteContext.EMPTY, "Account Opened", "Money Deposited");
        before.kick(feed, account);
        await().until(() -> endpoint.requests().size() >= 2);
        before.close();

        endpoint.answer(200);
        dispatcher(Duration.ofHours(1));

        await().until(() -> !feed.isPending(account));
        assertThat(DeliveredNotifications.of(endpoint)).extracting(Delivered::kind)
                .containsExactly("NewEntity", "NewEvent", "NewEvent");
    }

    @Test
    @DisplayName("what went out before a failure is recorded, so that only the rest is published again")
    void recordsPartialProgress() {
        AtomicInteger requests = new AtomicInteger();
        endpoint.answer(() -> requests.incrementAndGet() == 2 ? 400 : 200);
        NotificationDispatcher dispatcher = dispatcher(Duration.ofHours(1), 1);
        StreamId account = account("A-6");
        feed.append(account, WriteContext.EMPTY, "Account Opened", "Money Deposited", "Money Withdrawn");

        dispatcher.kick(feed, account);

        await().until(() -> !feed.isPending(account));
        // Batches of one event: [NewEntity, #1] accepted, [#2] refused once then accepted, [#3] accepted.
        assertThat(DeliveredNotifications.of(endpoint)).extracting(Delivered::kind, Delivered::sequence)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("NewEntity", 0L),
                        org.assertj.core.groups.Tuple.tuple("NewEvent", 1L),
                        org.assertj.core.groups.Tuple.tuple("NewEvent", 2L),
                        org.assertj.core.groups.Tuple.tuple("NewEvent", 3L));
    }

    @Test
    @DisplayName("a deletion is announced before the re-created stream's creation, and the new incarnation gets new ids")
    void deletionThenRecreation() {
        NotificationDispatcher dispatcher = dispatcher(Duration.ofHours(1));
        StreamId account = account("A-7");
        feed.append(account, WriteContext.EMPTY, "Account Opened");
        dispatcher.kick(feed, account);
        await().until(() -> !feed.isPending(account));

        feed.delete(account);
        feed.append(account, WriteContext.EMPTY, "Account Opened");
        dispatcher.kick(feed, account);

        await().until(() -> !feed.isPending(account));
        List<Delivered> delivered = DeliveredNotifications.of(endpoint);
        assertThat(delivered).extracting(Delivered::kind)
                .containsExactly("NewEntity", "NewEvent", "DeletedEntity", "NewEntity", "NewEvent");
        assertThat(DeliveredNotifications.distinctIds(delivered)).hasSize(5);
    }

    @Test
    @DisplayName("a kind switched off is not published but still counts as done")
    void switchedOffKinds() {
        NotificationSwitches noEvents = NotificationSwitches.builder()
                .forType("Bank.ALL", NotificationKind.NEW_EVENT, false).build();
        NotificationDispatcher dispatcher = track(new NotificationDispatcher(publisher(), noEvents, FAST,
                Clock.systemUTC()));
        dispatcher.start();
        StreamId account = account("A-8");
        feed.append(account, WriteContext.EMPTY, "Account Opened", "Money Deposited");

        dispatcher.kick(feed, account);

        await().until(() -> !feed.isPending(account));
        assertThat(DeliveredNotifications.of(endpoint)).extracting(Delivered::kind).containsExactly("NewEntity");
    }

    @Test
    @DisplayName("two instances dispatching the same streams at once deliver every notification at least once")
    void concurrentInstances() {
        NotificationDispatcher one = dispatcher(Duration.ofMillis(50));
        NotificationDispatcher two = dispatcher(Duration.ofMillis(50));
        List<StreamId> accounts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            StreamId account = account("B-" + i);
            accounts.add(account);
            feed.append(account, WriteContext.EMPTY, "Account Opened", "Money Deposited");
            (i % 2 == 0 ? one : two).kick(feed, account);
            feed.append(account, WriteContext.EMPTY, "Money Withdrawn");
            one.kick(feed, account);
            two.kick(feed, account);
        }

        await().until(() -> accounts.stream().noneMatch(feed::isPending));
        List<Delivered> delivered = DeliveredNotifications.of(endpoint);
        assertThat(DeliveredNotifications.distinctIds(delivered)).hasSize(20 * 4);
        accounts.forEach(account -> assertNewEntityFirst(delivered, account.instanceKey()));
    }

    @Test
    @DisplayName("publishes nothing before it is started, not even what was kicked, and at start publishes that at once")
    void nothingBeforeStart() {
        NotificationDispatcher dispatcher = track(kickedOnly());
        StreamId account = account("A-9");
        feed.append(account, WriteContext.EMPTY, "Account Opened");

        dispatcher.kick(feed, account);

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> endpoint.requests().isEmpty());
        assertThat(dispatcher.isRunning()).isFalse();
        dispatcher.start();
        assertThat(dispatcher.isRunning()).isTrue();
        await().until(() -> !feed.isPending(account));
    }

    @Test
    @DisplayName("stopped, it publishes nothing more; started again, it publishes what was kicked meanwhile")
    void stopsAndStartsAgain() {
        NotificationDispatcher dispatcher = track(kickedOnly());
        dispatcher.start();
        StreamId first = account("A-10");
        feed.append(first, WriteContext.EMPTY, "Account Opened");
        dispatcher.kick(feed, first);
        await().until(() -> !feed.isPending(first));

        dispatcher.stop();
        assertThat(dispatcher.isRunning()).isFalse();
        int requests = endpoint.requests().size();
        StreamId second = account("A-11");
        feed.append(second, WriteContext.EMPTY, "Account Opened");
        dispatcher.kick(feed, second);

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> endpoint.requests().size() == requests);
        dispatcher.start();
        await().until(() -> !feed.isPending(second));
    }

    @Test
    @DisplayName("stopping waits for the request in flight, and records that it went out")
    void stopWaitsForRequestInFlight() throws InterruptedException {
        CountDownLatch arrived = new CountDownLatch(1);
        endpoint.answer(() -> {
            arrived.countDown();
            sleep(500);
            return 200;
        });
        NotificationDispatcher dispatcher = track(kickedOnly());
        dispatcher.start();
        StreamId account = account("A-12");
        feed.append(account, WriteContext.EMPTY, "Account Opened");
        dispatcher.kick(feed, account);
        assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();

        dispatcher.stop();

        assertThat(feed.isPending(account)).isFalse();
    }

    @Test
    @DisplayName("closed, it cannot be started again")
    void closedForGood() {
        NotificationDispatcher dispatcher = track(kickedOnly());
        dispatcher.start();
        dispatcher.close();

        dispatcher.start();

        assertThat(dispatcher.isRunning()).isFalse();
    }

    /** The stream's first new-entity notification went out no later than (in a request before or with) its event #1. */
    static void assertNewEntityFirst(List<Delivered> delivered, String instanceKey) {
        int newEntity = -1;
        int firstEvent = -1;
        for (int i = 0; i < delivered.size(); i++) {
            Delivered d = delivered.get(i);
            if (d.instanceKey().equals(instanceKey) && d.kind().equals("NewEntity") && newEntity < 0) {
                newEntity = i;
            }
            if (d.instanceKey().equals(instanceKey) && d.sequence() == 1 && firstEvent < 0) {
                firstEvent = i;
            }
        }
        assertThat(newEntity).as("new-entity of " + instanceKey).isNotNegative();
        assertThat(newEntity).as("new-entity of " + instanceKey + " before its first event").isLessThan(firstEvent);
        assertThat(delivered.get(newEntity).request()).isLessThanOrEqualTo(delivered.get(firstEvent).request());
    }

    private NotificationDispatcher dispatcher(Duration pollInterval) {
        return dispatcher(pollInterval, 100);
    }

    private NotificationDispatcher dispatcher(Duration pollInterval, int batchSize) {
        NotificationDispatcher.Settings settings = new NotificationDispatcher.Settings(pollInterval, Duration.ZERO,
                FAST.initialBackoff(), FAST.maxBackoff(), batchSize, 2, 10_000);
        NotificationDispatcher dispatcher = track(new NotificationDispatcher(publisher(), NotificationSwitches.defaults(),
                settings, Clock.systemUTC()));
        dispatcher.register(feed);
        dispatcher.start();
        return dispatcher;
    }

    /** Polls the feed only for what is an hour old: whatever it publishes here, it was kicked to. */
    private NotificationDispatcher kickedOnly() {
        NotificationDispatcher.Settings settings = new NotificationDispatcher.Settings(Duration.ofHours(1),
                Duration.ofHours(1), FAST.initialBackoff(), FAST.maxBackoff(), 100, 2, 10_000);
        NotificationDispatcher dispatcher = new NotificationDispatcher(publisher(), NotificationSwitches.defaults(),
                settings, Clock.systemUTC());
        dispatcher.register(feed);
        return dispatcher;
    }

    private NotificationDispatcher track(NotificationDispatcher dispatcher) {
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    private EventGridNotificationPublisher publisher() {
        return EventGridNotificationPublisher.eventGridSchema(EventGridClients.eventGridSas(endpoint), 1_000_000);
    }

    private static StreamId account(String key) {
        return StreamId.of("Bank", "Account", key);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
