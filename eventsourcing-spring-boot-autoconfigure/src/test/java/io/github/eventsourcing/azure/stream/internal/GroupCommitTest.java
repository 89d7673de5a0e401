package io.github.eventsourcing.azure.stream.internal;

import io.github.eventsourcing.azure.spi.AppendRequest;
import io.github.eventsourcing.azure.spi.EventRecord;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.EventStoreLimits;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.NewEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.StreamNotFoundException;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;
import io.github.eventsourcing.azure.testing.ForwardingEventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Appends without an expected version to one stream, from several threads of one process: while one is in flight,
 * the others wait and go together in the next transaction when they chain.
 */
@DisplayName("Group commit of concurrent appends to one stream")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GroupCommitTest {

    /** The in-memory store, recording each request; its first append while holding waits until the test lets it go. */
    private static final class HeldStore extends ForwardingEventStore {
        final List<List<String>> requests = new CopyOnWriteArrayList<>();
        final CountDownLatch firstArrived = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean holding = true;

        @Override
        public String backendName() {
            return "held";
        }

        @Override
        public AppendResult append(StreamId id, AppendRequest request) {
            requests.add(request.events().stream().map(EventRecord::eventId).toList());
            if (holding && firstArrived.getCount() > 0) {
                firstArrived.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.append(id, request);
        }
    }

    private final HeldStore store = new HeldStore();
    private final Map<String, AppendResult> told = new ConcurrentHashMap<>();
    private final StreamChangeListener listener = new StreamChangeListener() {
        @Override
        public void appended(StreamId id, AppendResult result) {
            told.put(Thread.currentThread().getName(), result);
        }
    };
    private final DefaultEventStreams streams = new DefaultEventStreams(EventStoreRouter.single(store),
            new EventSerializer(StorageObjectMapper.create(), new EventTypeRegistry(List.of(ThingHappened.class),
                    List.of())), new EventStoreLimits(10, 64 * 1024, 200 * 1024), Clock.systemUTC(), List.of(listener));
    private final EventStream stream = streams.stream(StreamId.of("Lab", "Group", "g-1"));
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<Thread> writers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopWriters() {
        store.release.countDown();
        pool.shutdownNow();
    }

    private static NewEvent event(String id) {
        return NewEvent.of(new ThingHappened(id, 0), id);
    }

    private static List<Object> events(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> (Object) event(prefix + i)).toList();
    }

    /** Starts an append on a thread of its own, named after the append. */
    private Future<AppendResult> start(String name, Supplier<AppendResult> append) {
        return pool.submit(() -> {
            Thread.currentThread().setName(name);
            writers.add(Thread.currentThread());
            return append.get();
        });
    }

    /** Holds the first append in the store, and lets it go once the other appends wait behind it. */
    private void holdFirstWhileOthersQueue(int others) throws InterruptedException {
        store.firstArrived.await();
        while (writers.size() < others + 1
                || writers.stream().filter(t -> t.getState() == Thread.State.WAITING).count() < others + 1) {
            Thread.sleep(5);
        }
        store.release.countDown();
    }

    private static AppendResult result(Future<AppendResult> append) throws InterruptedException {
        try {
            return append.get();
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    @Test
    @DisplayName("appends that arrive while one is in flight go in the next transaction together, each with its own "
            + "sequences and result, and each caller is told of its own")
    void waitingAppendsGoTogether() throws Exception {
        Future<AppendResult> first = start("first", () -> stream.append(event("a")));
        store.firstArrived.await();
        Future<AppendResult> second = start("second", () -> stream.append(List.of(event("b1"), event("b2")),
                AppendOptions.DEFAULT));
        Future<AppendResult> third = start("third", () -> stream.append(event("c")));
        holdFirstWhileOthersQueue(2);
        result(first);
        AppendResult b = result(second);
        AppendResult c = result(third);

        assertThat(store.requests).hasSize(2);
        assertThat(store.requests.get(1)).containsExactlyInAnyOrder("b1", "b2", "c");
        assertThat(List.of(b, c)).noneMatch(AppendResult::alreadyApplied).noneMatch(AppendResult::streamCreated);
        assertThat(List.of(b.firstSequence(), c.firstSequence())).containsAnyOf(2L, 3L);
        assertThat(b.eventCount()).isEqualTo(2);
        assertThat(c.eventCount()).isEqualTo(1);
        assertThat(stream.read()).extracting(e -> e.eventId()).containsExactlyElementsOf(
                b.firstSequence() == 2 ? List.of("a", "b1", "b2", "c") : List.of("a", "c", "b1", "b2"));
        assertThat(told).containsEntry("second", b).containsEntry("third", c).containsKey("first");
    }

    @Test
    @DisplayName("a repeat of an earlier append waiting with a new one is split off: it is told it is a repeat, the new "
            + "one lands")
    void repeatIsSplitOff() throws Exception {
        store.holding = false;
        stream.append(event("old"));
        store.requests.clear();
        store.holding = true;
        Future<AppendResult> first = start("first", () -> stream.append(event("a")));
        store.firstArrived.await();
        Future<AppendResult> repeat = start("repeat", () -> stream.append(event("old")));
        Future<AppendResult> fresh = start("fresh", () -> stream.append(event("new")));
        holdFirstWhileOthersQueue(2);
        result(first);

        AppendResult repeated = result(repeat);
        assertThat(repeated.alreadyApplied()).isTrue();
        assertThat(repeated.firstSequence()).isEqualTo(1);
        AppendResult landed = result(fresh);
        assertThat(landed.alreadyApplied()).isFalse();
        assertThat(stream.read()).extracting(e -> e.eventId()).containsExactly("old", "a", "new");
        assertThat(told).doesNotContainKey("repeat");
    }

    @Test
    @DisplayName("appends with different write contexts or constraints, or more events than one atomic append takes, go "
            + "in transactions of their own")
    void onlyChainingAppendsGoTogether() throws Exception {
        Future<AppendResult> first = start("first", () -> stream.append(event("a")));
        store.firstArrived.await();
        start("teller", () -> stream.append(List.of(event("t")),
                AppendOptions.DEFAULT.withContext(WriteContext.EMPTY.withWho("teller-7"))));
        start("mustExist", () -> stream.append(List.of(event("m")), AppendOptions.mustExist()));
        start("six", () -> stream.append(events("s", 6), AppendOptions.DEFAULT));
        start("five", () -> stream.append(events("f", 5), AppendOptions.DEFAULT));
        holdFirstWhileOthersQueue(4);
        result(first);
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        // Whatever order they queued in, no two of them fit in one request of at most 10 events with one context.
        assertThat(store.requests).hasSize(5);
        assertThat(stream.read()).hasSize(1 + 1 + 1 + 6 + 5);
    }

    @Test
    @DisplayName("a failure of the stream, such as must-exist on a missing stream, is every waiting append's")
    void streamFailureIsEveryMembers() throws Exception {
        Future<AppendResult> first = start("first", () -> stream.append(event("a"), AppendOptions.mustExist()));
        store.firstArrived.await();
        List<Future<AppendResult>> waiting = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String id = "w" + i;
            waiting.add(start(id, () -> stream.append(event(id), AppendOptions.mustExist())));
        }
        holdFirstWhileOthersQueue(3);
        assertThat(List.of(first, waiting.get(0), waiting.get(1), waiting.get(2))).allSatisfy(append ->
                assertThat(append).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                        .withCauseInstanceOf(StreamNotFoundException.class));
        assertThat(store.requests).as("the three waiting appends went together").hasSize(2);
        assertThat(stream.exists()).isFalse();
    }
}
