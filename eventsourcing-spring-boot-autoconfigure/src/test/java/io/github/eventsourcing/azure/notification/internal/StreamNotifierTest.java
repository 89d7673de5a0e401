package io.github.eventsourcing.azure.notification.internal;

import io.github.eventsourcing.azure.memory.internal.InMemoryEventStore;
import io.github.eventsourcing.azure.spi.AppendRequest;
import io.github.eventsourcing.azure.spi.ChangeFeed;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.EventStoreLimits;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.stream.internal.DefaultEventStreams;
import io.github.eventsourcing.azure.stream.internal.EventSerializer;
import io.github.eventsourcing.azure.stream.internal.EventTypeRegistry;
import io.github.eventsourcing.azure.stream.internal.StorageObjectMapper;
import io.github.eventsourcing.azure.test.eventgrid.DeliveredNotifications.Delivered;
import io.github.eventsourcing.azure.test.eventgrid.DeliveredNotifications;
import io.github.eventsourcing.azure.test.eventgrid.EventGridClients;
import io.github.eventsourcing.azure.test.eventgrid.EventGridStub;
import io.github.eventsourcing.azure.testing.ForwardingEventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@DisplayName("Notifications of writes made in this process")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamNotifierTest {

    @EventName("Account Opened")
    record AccountOpened(String owner) {
    }

    @EventName("Money Deposited")
    record MoneyDeposited(BigDecimal amount) {
    }

    private EventGridStub endpoint;
    private BestEffortPublisher bestEffort;
    private NotificationDispatcher dispatcher;

    @BeforeEach
    void start() {
        endpoint = EventGridStub.http();
        EventGridNotificationPublisher publisher = EventGridNotificationPublisher.eventGridSchema(
                EventGridClients.eventGridSas(endpoint), 1_000_000);
        bestEffort = new BestEffortPublisher(publisher, 1_000);
        bestEffort.start();
        dispatcher = new NotificationDispatcher(publisher, NotificationSwitches.defaults(), NotificationDispatcherTest.FAST,
                Clock.systemUTC());
        dispatcher.start();
    }

    @AfterEach
    void stop() {
        bestEffort.close();
        dispatcher.close();
        endpoint.close();
    }

    @Test
    @DisplayName("in-memory store: creating a stream publishes its creation, then each event with its context and payload")
    void inMemoryAppends() {
        EventStream account = streamsOn(new InMemoryEventStore()).stream("Bank", "Account", "A-1");
        WriteContext context = WriteContext.EMPTY.withWho("ann").withCorrelationId("corr-7")
                .withTraceParent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        account.append(List.of(new AccountOpened("Ann"), new MoneyDeposited(new BigDecimal("10.50"))),
                AppendOptions.DEFAULT.withContext(context));
        account.append(new MoneyDeposited(new BigDecimal("2.00")));

        await().until(() -> DeliveredNotifications.of(endpoint).size() == 4);
        List<Delivered> delivered = DeliveredNotifications.of(endpoint);
        assertThat(delivered).extracting(Delivered::eventType).containsExactly("Bank.Account.NewEntity",
                "Bank.Account.Account Opened", "Bank.Account.Money Deposited", "Bank.Account.Money Deposited");
        assertThat(delivered).extracting(Delivered::sequence).containsExactly(0L, 1L, 2L, 3L);
        assertThat(DeliveredNotifications.distinctIds(delivered)).hasSize(4);
        String firstBody = endpoint.accepted().get(0).body();
        assertThat(firstBody).contains("\"eventPayload\":{\"amount\":10.50}", "\"correlationId\":\"corr-7\"",
                "\"traceParent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"", "\"who\":\"ann\"");
    }

    @Test
    @DisplayName("in-memory store: a deletion is announced with the version it had; a re-created stream gets new ids")
    void inMemoryDeletionAndRecreation() {
        EventStream account = streamsOn(new InMemoryEventStore()).stream("Bank", "Account", "A-2");
        account.append(new AccountOpened("Ann"), new MoneyDeposited(BigDecimal.ONE));
        await().until(() -> DeliveredNotifications.of(endpoint).size() == 3);

        account.delete();
        await().until(() -> DeliveredNotifications.of(endpoint).size() == 4);
        account.append(new AccountOpened("Ann again"));

        await().until(() -> DeliveredNotifications.of(endpoint).size() == 6);
        List<Delivered> delivered = DeliveredNotifications.of(endpoint);
        assertThat(delivered).extracting(Delivered::kind)
                .containsExactly("NewEntity", "NewEvent", "NewEvent", "DeletedEntity", "NewEntity", "NewEvent");
        assertThat(DeliveredNotifications.distinctIds(delivered)).hasSize(6);
        assertThat(endpoint.accepted().get(1).body()).contains("\"version\":2");
    }

    @Test
    @DisplayName("publishing never holds up an append: with Event Grid unreachable appends return at once and succeed")
    void neverBlocksAppends() {
        endpoint.goAway();
        EventStream account = streamsOn(new InMemoryEventStore()).stream("Bank", "Account", "A-3");

        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            account.append(new MoneyDeposited(BigDecimal.valueOf(i)));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(account.version()).isEqualTo(20);
        assertThat(millis).isLessThan(2_000);
        endpoint.comeBack();
    }

    @Test
    @DisplayName("durable store: an append kicks the dispatcher, which publishes from the store's change feed")
    void durableAppendsGoThroughTheFeed() {
        SimulatedChangeFeed feed = new SimulatedChangeFeed("durable");
        EventStream account = streamsOn(new DurableStore(feed)).stream("Bank", "Account", "A-4");

        account.append(new AccountOpened("Ann"));

        StreamId id = account.id();
        await().until(() -> !feed.isPending(id) && DeliveredNotifications.of(endpoint).size() == 2);
        assertThat(DeliveredNotifications.of(endpoint)).extracting(Delivered::eventType)
                .containsExactly("Bank.Account.NewEntity", "Bank.Account.Account Opened");
        assertThat(feed.marks()).isPositive();
    }

    private EventStreams streamsOn(EventStore store) {
        EventStoreRouter router = EventStoreRouter.single(store);
        StreamNotifier notifier = new StreamNotifier(router::storeFor, dispatcher, bestEffort,
                NotificationSwitches.defaults(), Clock.systemUTC());
        return new DefaultEventStreams(router, new EventSerializer(StorageObjectMapper.create(),
                new EventTypeRegistry()), EventStoreLimits.DEFAULT, Clock.systemUTC(), List.of(notifier));
    }

    /** A store whose appends also leave a pending mark in a feed, as the durable backends do atomically. */
    private static final class DurableStore extends ForwardingEventStore {
        private final SimulatedChangeFeed feed;

        DurableStore(SimulatedChangeFeed feed) {
            this.feed = feed;
        }

        @Override
        public Optional<ChangeFeed> changeFeed() {
            return Optional.of(feed);
        }

        @Override
        public String backendName() {
            return "simulated-durable";
        }

        @Override
        public AppendResult append(StreamId id, AppendRequest request) {
            AppendResult result = super.append(id, request);
            feed.append(id, request.context(), request.events().stream().map(e -> e.eventName()).toArray(String[]::new));
            return result;
        }

        @Override
        public boolean delete(StreamId id) {
            feed.delete(id);
            return super.delete(id);
        }
    }
}
