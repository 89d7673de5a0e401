package io.github.eventsourcing.azure.test.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.AppendTooLargeException;
import io.github.eventsourcing.azure.stream.ConcurrencyConflictException;
import io.github.eventsourcing.azure.stream.EventIdConflictException;
import io.github.eventsourcing.azure.stream.EventStoreLimits;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.EventTooLargeException;
import io.github.eventsourcing.azure.stream.EventUpcaster;
import io.github.eventsourcing.azure.stream.InvalidStreamKeyException;
import io.github.eventsourcing.azure.stream.InvalidUnicodeException;
import io.github.eventsourcing.azure.stream.NewEvent;
import io.github.eventsourcing.azure.stream.ReadOptions;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamAlreadyExistsException;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.StreamNotFoundException;
import io.github.eventsourcing.azure.stream.UnknownEvent;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.stream.internal.DefaultEventStreams;
import io.github.eventsourcing.azure.stream.internal.EventSerializer;
import io.github.eventsourcing.azure.stream.internal.EventTypeRegistry;
import io.github.eventsourcing.azure.stream.internal.NewStreamKeys;
import io.github.eventsourcing.azure.stream.internal.StorageObjectMapper;
import io.github.eventsourcing.azure.test.contract.ContractEvents.AddressChanged;
import io.github.eventsourcing.azure.test.contract.ContractEvents.AddressChangedV1;
import io.github.eventsourcing.azure.test.contract.ContractEvents.BlobAttached;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappenedV2;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract every {@link EventStore} passes unchanged. A backend's test extends it as
 * {@code <Backend>StoreContractTest}, so reports show which backend passed what.
 *
 * <p>Tests go through the public {@link EventStreams} API on top of the store, each on streams of its own, so a
 * backend may share one storage account across all tests.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class EventStoreContractTest {

    /** The store under test. Called once per test; may return the same instance. */
    protected abstract EventStore store();

    /**
     * A second store on the same storage, as another application instance would open it (its own caches). Backends
     * without shared storage return {@link #store()}.
     */
    protected EventStore anotherInstanceOnSameStorage() {
        return store();
    }

    private EventStreams streams;
    private EventStreams otherInstance;
    private String domain;

    @BeforeEach
    void openStreams() {
        streams = streamsOn(store(), registry());
        otherInstance = streamsOn(anotherInstanceOnSameStorage(), registry());
        // Each test gets its own domain, so listing and key tests never see another test's streams.
        domain = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static EventTypeRegistry registry() {
        return new EventTypeRegistry(List.of(ThingHappened.class, BlobAttached.class), List.of());
    }

    private static EventStreams streamsOn(EventStore store, EventTypeRegistry registry) {
        return streamsOn(store, registry, NewStreamKeys.STRICT);
    }

    private static EventStreams streamsOn(EventStore store, EventTypeRegistry registry, NewStreamKeys newStreamKeys) {
        return new DefaultEventStreams(EventStoreRouter.single(store),
                new EventSerializer(StorageObjectMapper.create(), registry), EventStoreLimits.DEFAULT,
                Clock.systemUTC(), List.of(), newStreamKeys);
    }

    private EventStream stream(String key) {
        return streams.stream(domain, "Account", key);
    }

    private EventStream newStream() {
        return stream("k-" + UUID.randomUUID());
    }

    private static List<Object> things(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> (Object) new ThingHappened("event " + i, i)).toList();
    }

    /** Runs {@code task} with the indexes 0 to threads-1 on as many threads at once, and waits for all of them. */
    private static void inParallel(int threads, ParallelTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int index = t;
                done.add(pool.submit(() -> {
                    task.run(index);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(); // the first failure fails the test
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface ParallelTask {
        void run(int index) throws Exception;
    }

    private static List<Integer> numbers(EventStream stream) {
        return stream.read().stream().map(e -> e.payloadAs(ThingHappened.class).number()).toList();
    }

    @Nested
    @DisplayName("Appending and reading")
    class AppendingAndReading {

        @Test
        @DisplayName("a stream that was never written does not exist, has version 0 and reads empty")
        void neverWritten() {
            EventStream stream = newStream();
            assertThat(stream.exists()).isFalse();
            assertThat(stream.version()).isZero();
            assertThat(stream.read()).isEmpty();
        }

        @Test
        @DisplayName("the first append creates the stream and says so; later appends do not")
        void firstAppendCreates() {
            EventStream stream = newStream();
            AppendResult first = stream.append(new ThingHappened("a", 1), new ThingHappened("b", 2));
            assertThat(first.streamCreated()).isTrue();
            assertThat(first.firstSequence()).isEqualTo(1);
            assertThat(first.lastSequence()).isEqualTo(2);
            assertThat(first.alreadyApplied()).isFalse();

            AppendResult second = stream.append(new ThingHappened("c", 3));
            assertThat(second.streamCreated()).isFalse();
            assertThat(second.firstSequence()).isEqualTo(3);
            assertThat(stream.exists()).isTrue();
            assertThat(stream.version()).isEqualTo(3);
        }

        @Test
        @DisplayName("events read back in order with sequence, id, business name, write time, context and payload")
        void readBackEverything() {
            EventStream stream = newStream();
            WriteContext context = new WriteContext("alice", "teller-app", "opening", "corr-1", "cause-1",
                    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "sha256-Yp2Qe0vBqfZ1");
            Instant before = Instant.now().minusSeconds(1);
            stream.append(List.of(NewEvent.of(new ThingHappened("a", 1), "id-1"), new ThingHappened("b", 2)),
                    AppendOptions.DEFAULT.withContext(context));

            List<RecordedEvent> events = stream.read();
            assertThat(events).hasSize(2);
            RecordedEvent first = events.get(0);
            assertThat(first.streamId()).isEqualTo(stream.id());
            assertThat(first.sequence()).isEqualTo(1);
            assertThat(first.eventId()).isEqualTo("id-1");
            assertThat(first.eventName()).isEqualTo("Thing Happened");
            assertThat(first.schemaVersion()).isEqualTo(1);
            assertThat(first.context()).isEqualTo(context);
            assertThat(first.payload()).isEqualTo(new ThingHappened("a", 1));
            assertThat(first.writtenAt()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
            assertThat(events.get(1).sequence()).isEqualTo(2);
            assertThat(events.get(1).eventId()).isNotBlank().isNotEqualTo("id-1");
            assertThat(events.get(1).payload()).isEqualTo(new ThingHappened("b", 2));
        }

        @Test
        @DisplayName("an empty write context reads back empty, not as empty strings")
        void emptyContext() {
            EventStream stream = newStream();
            stream.append(new ThingHappened("a", 1));
            assertThat(stream.read().get(0).context()).isEqualTo(WriteContext.EMPTY);
        }

        @Test
        @DisplayName("reads can start from a sequence and stop at a sequence")
        void partialReads() {
            EventStream stream = newStream();
            stream.append(things(10), AppendOptions.DEFAULT);
            assertThat(stream.read(ReadOptions.from(4)).stream().map(RecordedEvent::sequence))
                    .containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L);
            assertThat(stream.read(ReadOptions.upTo(3)).stream().map(RecordedEvent::sequence))
                    .containsExactly(1L, 2L, 3L);
            assertThat(stream.read(ReadOptions.from(4).withToSequence(5)).stream().map(RecordedEvent::sequence))
                    .containsExactly(4L, 5L);
            assertThat(stream.read(ReadOptions.from(11))).isEmpty();
        }

        @Test
        @DisplayName("reading as of a time gives the prefix written at or before it")
        void asOfTime() throws InterruptedException {
            EventStream stream = newStream();
            stream.append(new ThingHappened("a", 1));
            stream.append(new ThingHappened("b", 2));
            Thread.sleep(20);
            Instant cut = stream.read().get(1).writtenAt();
            Thread.sleep(20);
            stream.append(new ThingHappened("c", 3));

            assertThat(stream.read(ReadOptions.asOf(cut)).stream().map(RecordedEvent::sequence)).containsExactly(1L, 2L);
            assertThat(stream.read(ReadOptions.asOf(cut.minusSeconds(3600)))).isEmpty();
            List<RecordedEvent> all = stream.read();
            for (int i = 1; i < all.size(); i++) {
                assertThat(all.get(i).writtenAt()).isAfterOrEqualTo(all.get(i - 1).writtenAt());
            }
        }

        @Test
        @DisplayName("forEach hands over the events in order")
        void forEachInOrder() {
            EventStream stream = newStream();
            stream.append(things(5), AppendOptions.DEFAULT);
            List<Long> sequences = new ArrayList<>();
            stream.forEach(ReadOptions.ALL, e -> sequences.add(e.sequence()));
            assertThat(sequences).containsExactly(1L, 2L, 3L, 4L, 5L);
        }

        @Test
        @DisplayName("non-ASCII text and a payload near the size limit round-trip unchanged")
        void bigAndUnicodePayloads() {
            EventStream stream = newStream();
            String unicode = "Zoë — 東京 — \uD83D\uDE00 — \"quoted\" \\ back/slash";
            String big = "x€😀".repeat(30_000); // ~ 240 KB of UTF-8, ~ 180 K UTF-16 units
            stream.append(new BlobAttached(unicode), new BlobAttached(big));
            List<RecordedEvent> events = stream.read();
            assertThat(events.get(0).payloadAs(BlobAttached.class).content()).isEqualTo(unicode);
            assertThat(events.get(1).payloadAs(BlobAttached.class).content()).isEqualTo(big);
        }

        @Test
        @DisplayName("text that is not valid Unicode in an event or its write context is refused and nothing is written")
        void loneSurrogatesAreRefused() {
            EventStream stream = newStream();
            ThingHappened fine = new ThingHappened("fine", 1);
            WriteContext loneInCommentary = WriteContext.EMPTY.withCommentary("x\uD800");
            assertThatThrownBy(() -> stream.append(fine, new BlobAttached("x\uD800")))
                    .isInstanceOf(InvalidUnicodeException.class).hasMessageContaining("nothing was written");
            assertThatThrownBy(() -> stream.append(new BlobAttached("\uDE00 then \uD83D\uDE00")))
                    .isInstanceOf(InvalidUnicodeException.class);
            assertThatThrownBy(() -> stream.append(List.of(fine), AppendOptions.DEFAULT.withContext(loneInCommentary)))
                    .isInstanceOf(InvalidUnicodeException.class).hasMessageContaining("commentary");
            assertThatThrownBy(() -> stream.appendNonAtomically(List.of(fine, fine, new BlobAttached("\uDBFF")),
                    WriteContext.EMPTY)).isInstanceOf(InvalidUnicodeException.class);
            assertThat(stream.exists()).isFalse();

            stream.append(List.of(new BlobAttached("\\uD800 is only text; \uD83D\uDE00 is a pair")),
                    AppendOptions.DEFAULT.withContext(WriteContext.EMPTY.withCommentary("\uD83D\uDE00")));
            assertThat(stream.read().get(0).payloadAs(BlobAttached.class).content())
                    .isEqualTo("\\uD800 is only text; \uD83D\uDE00 is a pair");
        }

        @Test
        @DisplayName("a stream written by one application instance is read and extended by another")
        void twoInstances() {
            String key = "shared-" + UUID.randomUUID();
            EventStream mine = stream(key);
            EventStream theirs = otherInstance.stream(domain, "Account", key);
            mine.append(new ThingHappened("a", 1));
            theirs.append(new ThingHappened("b", 2), AppendOptions.expectingVersion(1));
            mine.append(new ThingHappened("c", 3), AppendOptions.expectingVersion(2));
            assertThatThrownBy(() -> theirs.append(new ThingHappened("x", 9), AppendOptions.expectingVersion(2)))
                    .isInstanceOf(ConcurrencyConflictException.class);
            theirs.append(new ThingHappened("d", 4));
            assertThat(numbers(mine)).containsExactly(1, 2, 3, 4);
            assertThat(numbers(theirs)).containsExactly(1, 2, 3, 4);
        }
    }

    @Nested
    @DisplayName("Optimistic concurrency")
    class OptimisticConcurrency {

        @Test
        @DisplayName("an append at the expected version succeeds")
        void expectedVersionMatches() {
            EventStream stream = newStream();
            stream.append(things(2), AppendOptions.expectingVersion(0));
            AppendResult result = stream.append(new ThingHappened("c", 3), AppendOptions.expectingVersion(2));
            assertThat(result.firstSequence()).isEqualTo(3);
            assertThat(numbers(stream)).containsExactly(1, 2, 3);
        }

        @Test
        @DisplayName("an append at a stale version fails with both versions and writes nothing")
        void staleVersion() {
            EventStream stream = newStream();
            stream.append(things(3), AppendOptions.DEFAULT);
            assertThatThrownBy(() -> stream.append(new ThingHappened("x", 9), AppendOptions.expectingVersion(2)))
                    .isInstanceOfSatisfying(ConcurrencyConflictException.class, e -> {
                        assertThat(e.expectedVersion()).isEqualTo(2);
                        assertThat(e.actualVersion()).isEqualTo(3);
                        assertThat(e.streamId()).isEqualTo(stream.id());
                    });
            assertThat(numbers(stream)).containsExactly(1, 2, 3);
        }

        @Test
        @DisplayName("an append expecting a version ahead of the stream fails")
        void versionAhead() {
            EventStream stream = newStream();
            stream.append(things(1), AppendOptions.DEFAULT);
            assertThatThrownBy(() -> stream.append(new ThingHappened("x", 9), AppendOptions.expectingVersion(5)))
                    .isInstanceOfSatisfying(ConcurrencyConflictException.class,
                            e -> assertThat(e.actualVersion()).isEqualTo(1));
            EventStream missing = newStream();
            assertThatThrownBy(() -> missing.append(new ThingHappened("x", 9), AppendOptions.expectingVersion(1)))
                    .isInstanceOfSatisfying(ConcurrencyConflictException.class,
                            e -> assertThat(e.actualVersion()).isZero());
            assertThat(missing.exists()).isFalse();
            assertThat(numbers(stream)).containsExactly(1);
        }

        @Test
        @DisplayName("expecting version 0 on an existing stream is a conflict")
        void expectingEmptyButExists() {
            EventStream stream = newStream();
            stream.append(things(1), AppendOptions.DEFAULT);
            assertThatThrownBy(() -> stream.append(new ThingHappened("x", 9), AppendOptions.expectingVersion(0)))
                    .isInstanceOf(ConcurrencyConflictException.class);
        }

        @Test
        @DisplayName("must-be-new creates a new stream and refuses an existing one")
        void mustBeNew() {
            EventStream stream = newStream();
            assertThat(stream.append(new ThingHappened("a", 1), AppendOptions.mustBeNew()).streamCreated()).isTrue();
            assertThatThrownBy(() -> stream.append(new ThingHappened("b", 2), AppendOptions.mustBeNew()))
                    .isInstanceOfSatisfying(StreamAlreadyExistsException.class,
                            e -> assertThat(e.streamId()).isEqualTo(stream.id()));
            assertThat(numbers(stream)).containsExactly(1);
        }

        @Test
        @DisplayName("must-exist appends to an existing stream and refuses a missing one without creating it")
        void mustExist() {
            EventStream missing = newStream();
            assertThatThrownBy(() -> missing.append(new ThingHappened("a", 1), AppendOptions.mustExist()))
                    .isInstanceOf(StreamNotFoundException.class);
            assertThatThrownBy(() -> missing.append(new ThingHappened("a", 1),
                    AppendOptions.mustExist().withExpectedVersion(3)))
                    .isInstanceOf(StreamNotFoundException.class);
            assertThat(missing.exists()).isFalse();
            assertThat(missing.version()).isZero();

            EventStream existing = newStream();
            existing.append(things(1), AppendOptions.DEFAULT);
            AppendResult result = existing.append(new ThingHappened("b", 2), AppendOptions.mustExist());
            assertThat(result.streamCreated()).isFalse();
            assertThat(result.firstSequence()).isEqualTo(2);
        }

        @Test
        @DisplayName("of two concurrent first appends to one key, exactly one creates the stream")
        void concurrentCreation() throws Exception {
            for (int round = 0; round < 5; round++) {
                EventStream stream = newStream();
                EventStream sameFromOtherInstance = otherInstance.stream(stream.id());
                CountDownLatch start = new CountDownLatch(1);
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                    Future<Boolean> a = pool.submit(() -> createOrLose(stream, start, 1));
                    Future<Boolean> b = pool.submit(() -> createOrLose(sameFromOtherInstance, start, 2));
                    start.countDown();
                    assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder(true, false);
                } finally {
                    pool.shutdownNow();
                }
                assertThat(stream.read()).hasSize(1);
            }
        }

        private boolean createOrLose(EventStream stream, CountDownLatch start, int number) throws InterruptedException {
            start.await();
            try {
                stream.append(new ThingHappened("creator", number), AppendOptions.mustBeNew());
                return true;
            } catch (StreamAlreadyExistsException lost) {
                return false;
            }
        }

        @Test
        @DisplayName("8 writers retrying on conflicts leave exactly the acknowledged events, versions 1..N")
        void manyWriters() throws Exception {
            EventStream stream = newStream();
            int writers = 8;
            int perWriter = stressEventsPerWriter();
            ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
            inParallel(writers, writer -> {
                EventStreams instance = writer % 2 == 0 ? streams : otherInstance;
                EventStream mine = instance.stream(stream.id());
                for (int i = 0; i < perWriter; i++) {
                    String text = writer + ":" + i;
                    while (true) {
                        long version = mine.version();
                        try {
                            mine.append(new ThingHappened(text, i), AppendOptions.expectingVersion(version));
                            acknowledged.add(text);
                            break;
                        } catch (ConcurrencyConflictException retry) {
                            // someone else won this version: read again and retry
                        }
                    }
                }
            });
            List<RecordedEvent> events = stream.read();
            assertThat(events.stream().map(RecordedEvent::sequence))
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, (long) writers * perWriter).boxed().toList());
            assertThat(events.stream().map(e -> e.payloadAs(ThingHappened.class).text()))
                    .containsExactlyInAnyOrderElementsOf(acknowledged).doesNotHaveDuplicates();
            // each writer's own events stay in its order
            for (int w = 0; w < writers; w++) {
                String prefix = w + ":";
                List<Integer> mine = events.stream().map(e -> e.payloadAs(ThingHappened.class))
                        .filter(t -> t.text().startsWith(prefix)).map(ThingHappened::number).toList();
                assertThat(mine).isSorted().hasSize(perWriter);
            }
        }

        @Test
        @DisplayName("loose appends from many threads all land, none lost or duplicated")
        void looseWriters() throws Exception {
            EventStream stream = newStream();
            int threads = 6;
            int perThread = stressEventsPerWriter();
            inParallel(threads, thread -> {
                EventStream mine = (thread % 2 == 0 ? streams : otherInstance).stream(stream.id());
                for (int i = 0; i < perThread; i++) {
                    mine.append(new ThingHappened(thread + ":" + i, i));
                }
            });
            List<RecordedEvent> events = stream.read();
            assertThat(events).hasSize(threads * perThread);
            assertThat(events.stream().map(e -> e.payloadAs(ThingHappened.class).text())).doesNotHaveDuplicates();
        }

        @Test
        @DisplayName("readers on two instances, reading while 4 writers append pairs of events, only ever see a "
                + "gap-free prefix of the final stream: never a half append, a reordered or a vanished event")
        void readersDuringWrites() throws Exception {
            EventStream stream = newStream();
            int writers = 4;
            int appendsPerWriter = stressEventsPerWriter();
            ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
            AtomicBoolean writing = new AtomicBoolean(true);
            // The writers wait for each reader's first read, so every reader reads again while they write.
            CountDownLatch readersStarted = new CountDownLatch(2);
            try {
                List<Future<?>> writes = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    EventStream mine = (w % 2 == 0 ? streams : otherInstance).stream(stream.id());
                    writes.add(pool.submit(() -> {
                        if (!readersStarted.await(30, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the readers never finished a first read");
                        }
                        for (int i = 0; i < appendsPerWriter; i++) {
                            // One atomic append of two events: a reader must see both or neither.
                            mine.append(List.of(new ThingHappened(writer + ":" + i + ":first", i),
                                    new ThingHappened(writer + ":" + i + ":second", i)), AppendOptions.DEFAULT);
                        }
                        return null;
                    }));
                }
                List<Future<List<List<String>>>> reads = new ArrayList<>();
                for (EventStreams instance : List.of(streams, otherInstance)) {
                    EventStream reader = instance.stream(stream.id());
                    reads.add(pool.submit(() -> {
                        List<List<String>> seen = new ArrayList<>();
                        seen.add(readWhole(reader));
                        readersStarted.countDown();
                        do {
                            seen.add(readWhole(reader));
                        } while (writing.get());
                        return seen;
                    }));
                }
                for (Future<?> write : writes) {
                    write.get();
                }
                writing.set(false);

                List<String> last = readWhole(stream);
                assertThat(last).hasSize(2 * writers * appendsPerWriter).doesNotHaveDuplicates();
                for (Future<List<List<String>>> read : reads) {
                    List<List<String>> seen = read.get();
                    int previous = 0;
                    for (List<String> snapshot : seen) {
                        assertThat(snapshot.size()).as("a later read never sees fewer events").isGreaterThanOrEqualTo(previous);
                        previous = snapshot.size();
                        assertThat(last.subList(0, snapshot.size())).as("what a read saw is how the stream begins")
                                .isEqualTo(snapshot);
                        assertThat(snapshot.size() % 2).as("no read ends inside an atomic append").isZero();
                    }
                }
            } finally {
                writing.set(false);
                pool.shutdownNow();
            }
        }

        /** The stream's events as read in one go, checking that their sequences are exactly 1..n. */
        private List<String> readWhole(EventStream stream) {
            List<RecordedEvent> events = stream.read();
            assertThat(events).extracting(RecordedEvent::sequence)
                    .as("sequences of one read").containsExactlyElementsOf(
                            LongStream.rangeClosed(1, events.size()).boxed().toList());
            return events.stream().map(e -> e.payloadAs(ThingHappened.class).text()).toList();
        }
    }

    /** Events per writer in the stress tests; small enough for a single-threaded emulator. */
    protected int stressEventsPerWriter() {
        return 12;
    }

    /**
     * Each {@link EventStreams} remembers the versions it saw, and an append without an expected version first tries
     * at that version. Here another application instance makes that memory stale; no guarantee may weaken.
     */
    @Nested
    @DisplayName("Appends behind another instance's back")
    class StaleVersions {

        private EventStream mine;
        private EventStream theirs;

        @BeforeEach
        void bothInstancesKnowTheStreamAtVersion2() {
            mine = newStream();
            theirs = otherInstance.stream(mine.id());
            mine.append(List.of(NewEvent.of(new ThingHappened("a", 1), "a"), NewEvent.of(new ThingHappened("b", 2), "b")),
                    AppendOptions.DEFAULT);
            assertThat(theirs.version()).isEqualTo(2);
        }

        @Test
        @DisplayName("an append without an expected version, and a must-exist one, land at the end after another "
                + "instance appended")
        void otherInstanceAppended() {
            theirs.append(new ThingHappened("c", 3));
            AppendResult loose = mine.append(new ThingHappened("d", 4));
            assertThat(loose.firstSequence()).isEqualTo(4);
            assertThat(loose.streamCreated()).isFalse();
            theirs.append(things(2), AppendOptions.DEFAULT);
            AppendResult mustExist = mine.append(new ThingHappened("e", 7), AppendOptions.mustExist());
            assertThat(mustExist.firstSequence()).isEqualTo(7);
            assertThat(numbers(theirs)).containsExactly(1, 2, 3, 4, 1, 2, 7);
        }

        @Test
        @DisplayName("after another instance deleted the stream, a must-exist append is refused and creates nothing; "
                + "a loose one creates the stream anew")
        void otherInstanceDeleted() {
            assertThat(theirs.delete()).isTrue();
            assertThatThrownBy(() -> mine.append(new ThingHappened("late", 3), AppendOptions.mustExist()))
                    .isInstanceOfSatisfying(StreamNotFoundException.class,
                            e -> assertThat(e.streamId()).isEqualTo(mine.id()));
            assertThat(theirs.exists()).isFalse();
            AppendResult created = mine.append(new ThingHappened("fresh", 1));
            assertThat(created.streamCreated()).isTrue();
            assertThat(created.firstSequence()).isEqualTo(1);
            assertThat(numbers(theirs)).containsExactly(1);
        }

        @Test
        @DisplayName("after another instance deleted the stream and re-created it at the same, a lower or a higher "
                + "version, appends land at the end of the new stream and old event ids are new")
        void otherInstanceDeletedAndRecreated() {
            // mine last saw versions 2, 4 and 3 of the old streams: the new one's, a higher one, the new one's again
            for (int recreatedAt : List.of(2, 1, 3)) {
                assertThat(theirs.delete()).isTrue();
                theirs.append(things(recreatedAt), AppendOptions.mustBeNew());
                AppendResult mustExist = mine.append(List.of(NewEvent.of(new ThingHappened("a", 10), "a")),
                        AppendOptions.mustExist());
                assertThat(mustExist.alreadyApplied()).isFalse();
                assertThat(mustExist.streamCreated()).isFalse();
                assertThat(mustExist.firstSequence()).isEqualTo(recreatedAt + 1);
                AppendResult loose = mine.append(new ThingHappened("b", 11));
                assertThat(loose.firstSequence()).isEqualTo(recreatedAt + 2);
                List<Integer> expected = new ArrayList<>(IntStream.rangeClosed(1, recreatedAt).boxed().toList());
                expected.addAll(List.of(10, 11));
                assertThat(numbers(theirs)).containsExactlyElementsOf(expected);
            }
        }

        @Test
        @DisplayName("a repeated append is reported as a repeat with its original sequences, whether or not another "
                + "instance appended since")
        void repeatsStayRepeats() {
            AppendResult again = mine.append(List.of(NewEvent.of(new ThingHappened("b", 2), "b")), AppendOptions.DEFAULT);
            assertThat(again.alreadyApplied()).isTrue();
            assertThat(again.firstSequence()).isEqualTo(2);
            theirs.append(new ThingHappened("c", 3));
            AppendResult afterOthers = mine.append(List.of(NewEvent.of(new ThingHappened("a", 1), "a"),
                    NewEvent.of(new ThingHappened("b", 2), "b")), AppendOptions.mustExist());
            assertThat(afterOthers.alreadyApplied()).isTrue();
            assertThat(afterOthers.firstSequence()).isEqualTo(1);
            assertThat(afterOthers.lastSequence()).isEqualTo(2);
            assertThatThrownBy(() -> mine.append(List.of(NewEvent.of(new ThingHappened("d", 4), "d"),
                    NewEvent.of(new ThingHappened("a", 1), "a")), AppendOptions.DEFAULT))
                    .isInstanceOf(EventIdConflictException.class);
            assertThat(numbers(theirs)).containsExactly(1, 2, 3);
        }

        @Test
        @DisplayName("a stream seen missing and then created by another instance is appended to at its end")
        void seenMissingThenCreatedElsewhere() {
            EventStream missing = newStream();
            EventStream creator = otherInstance.stream(missing.id());
            assertThat(missing.exists()).isFalse();
            creator.append(things(2), AppendOptions.DEFAULT);
            AppendResult loose = missing.append(new ThingHappened("c", 3));
            assertThat(loose.streamCreated()).isFalse();
            assertThat(loose.firstSequence()).isEqualTo(3);

            EventStream missingToo = newStream();
            assertThat(missingToo.read()).isEmpty();
            otherInstance.stream(missingToo.id()).append(things(1), AppendOptions.DEFAULT);
            assertThat(missingToo.append(new ThingHappened("b", 2), AppendOptions.mustExist()).firstSequence())
                    .isEqualTo(2);
            assertThat(numbers(creator)).containsExactly(1, 2, 3);
        }
    }

    @Nested
    @DisplayName("Idempotency by event id")
    class Idempotency {

        @Test
        @DisplayName("repeating an append with the same event ids writes nothing and reports the original sequences")
        void retriedAppend() {
            EventStream stream = newStream();
            List<Object> events = List.of(NewEvent.of(new ThingHappened("a", 1), "e-1"),
                    NewEvent.of(new ThingHappened("b", 2), "e-2"));
            AppendResult first = stream.append(events, AppendOptions.expectingVersion(0));
            stream.append(new ThingHappened("c", 3));

            AppendResult retried = stream.append(events, AppendOptions.expectingVersion(0));
            assertThat(retried.alreadyApplied()).isTrue();
            assertThat(retried.firstSequence()).isEqualTo(first.firstSequence());
            assertThat(retried.lastSequence()).isEqualTo(first.lastSequence());
            assertThat(retried.streamCreated()).isTrue();
            AppendResult retriedLoose = stream.append(events, AppendOptions.DEFAULT);
            assertThat(retriedLoose.alreadyApplied()).isTrue();
            assertThat(numbers(stream)).containsExactly(1, 2, 3);
        }

        @Test
        @DisplayName("an append whose ids are partly in the stream fails naming them, and writes nothing")
        void partialOverlap() {
            EventStream stream = newStream();
            stream.append(List.of(NewEvent.of(new ThingHappened("a", 1), "e-1")), AppendOptions.DEFAULT);
            assertThatThrownBy(() -> stream.append(List.of(NewEvent.of(new ThingHappened("b", 2), "e-2"),
                    NewEvent.of(new ThingHappened("a", 1), "e-1")), AppendOptions.DEFAULT))
                    .isInstanceOfSatisfying(EventIdConflictException.class, conflict -> {
                        assertThat(conflict.eventIds()).containsExactly("e-1");
                        assertThat(conflict).hasMessageContaining("e-1").hasMessageContaining("nothing was written");
                    });
            assertThat(numbers(stream)).containsExactly(1);
        }

        @Test
        @DisplayName("an event id reused with another payload fails naming the id, and the stored event stays")
        void reusedIdWithOtherPayload() {
            EventStream stream = newStream();
            stream.append(List.of(NewEvent.of(new ThingHappened("withdraw 50", 50), "w-1")), AppendOptions.DEFAULT);

            assertIdConflict(() -> stream.append(List.of(NewEvent.of(new ThingHappened("withdraw 70", 70), "w-1")),
                    AppendOptions.DEFAULT), "w-1");
            assertIdConflict(() -> stream.append(List.of(NewEvent.of(new ThingHappened("withdraw 70", 70), "w-1")),
                    AppendOptions.expectingVersion(0)), "w-1");
            assertThat(numbers(stream)).containsExactly(50);
        }

        @Test
        @DisplayName("an event id reused with another event name fails naming the id")
        void reusedIdWithOtherName() {
            EventStream stream = newStream();
            stream.append(List.of(NewEvent.of(new ThingHappened("a", 1), "e-1")), AppendOptions.DEFAULT);

            assertIdConflict(() -> stream.append(List.of(NewEvent.of(new BlobAttached("a"), "e-1")),
                    AppendOptions.DEFAULT), "e-1");
            assertThat(stream.version()).isEqualTo(1);
        }

        @Test
        @DisplayName("an event id reused with the same JSON in another schema version fails naming the id")
        void reusedIdWithOtherSchemaVersion() {
            EventStream stream = newStream();
            stream.append(List.of(NewEvent.of(new ThingHappened("a", 1), "e-1")), AppendOptions.DEFAULT);
            EventStream newerCode = streamsOn(store(), new EventTypeRegistry(List.of(ThingHappenedV2.class), List.of()))
                    .stream(stream.id());

            assertIdConflict(() -> newerCode.append(List.of(NewEvent.of(new ThingHappenedV2("a", 1), "e-1")),
                    AppendOptions.DEFAULT), "e-1");
            assertThat(stream.version()).isEqualTo(1);
        }

        @Test
        @DisplayName("of a repeated append of several events, the ones with other content are named")
        void repeatedAppendWithOneChangedEvent() {
            EventStream stream = newStream();
            stream.append(List.of(NewEvent.of(new ThingHappened("a", 1), "e-1"),
                    NewEvent.of(new ThingHappened("b", 2), "e-2"), NewEvent.of(new ThingHappened("c", 3), "e-3")),
                    AppendOptions.DEFAULT);

            assertIdConflict(() -> otherInstance.stream(stream.id()).append(List.of(
                    NewEvent.of(new ThingHappened("a", 1), "e-1"), NewEvent.of(new ThingHappened("B", 2), "e-2"),
                    NewEvent.of(new ThingHappened("c", 3), "e-3")), AppendOptions.DEFAULT), "e-2");
            AppendResult sameAgain = otherInstance.stream(stream.id()).append(List.of(
                    NewEvent.of(new ThingHappened("a", 1), "e-1"), NewEvent.of(new ThingHappened("b", 2), "e-2"),
                    NewEvent.of(new ThingHappened("c", 3), "e-3")), AppendOptions.DEFAULT);
            assertThat(sameAgain.alreadyApplied()).isTrue();
            assertThat(numbers(stream)).containsExactly(1, 2, 3);
        }

        @Test
        @DisplayName("the same event id twice in one append is refused, naming the id")
        void duplicateIdInOneAppend() {
            EventStream stream = newStream();
            assertIdConflict(() -> stream.append(List.of(NewEvent.of(new ThingHappened("a", 1), "same"),
                    NewEvent.of(new ThingHappened("b", 2), "same")), AppendOptions.DEFAULT), "same");
            assertThat(stream.exists()).isFalse();
        }

        private static void assertIdConflict(ThrowingCallable append, String eventId) {
            assertThatThrownBy(append).isInstanceOfSatisfying(EventIdConflictException.class, conflict -> {
                assertThat(conflict.eventIds()).containsExactly(eventId);
                assertThat(conflict).hasMessageContaining("[" + eventId + "]")
                        .hasMessageContaining("nothing was written");
            });
        }

        @Test
        @DisplayName("the same event id in two different streams is two events")
        void idsAreScopedToTheStream() {
            EventStream a = newStream();
            EventStream b = newStream();
            a.append(List.of(NewEvent.of(new ThingHappened("a", 1), "shared-id")), AppendOptions.DEFAULT);
            AppendResult result = b.append(List.of(NewEvent.of(new ThingHappened("b", 2), "shared-id")), AppendOptions.DEFAULT);
            assertThat(result.alreadyApplied()).isFalse();
            assertThat(numbers(b)).containsExactly(2);
        }
    }

    @Nested
    @DisplayName("Looking up an event by its id")
    class LookupByEventId {

        @Test
        @DisplayName("a stored event is found by its id, exactly as a read gives it")
        void foundAsRead() {
            EventStream stream = newStream();
            WriteContext context = WriteContext.empty().withWho("ann").withCommentary("why");
            stream.append(List.of(NewEvent.of(new ThingHappened("a", 1), "id-1")), AppendOptions.DEFAULT.withContext(context));
            stream.append(List.of(NewEvent.of(new ThingHappened("b", 2), "id-2"),
                    NewEvent.of(new ThingHappened("c", 3), "id-3")), AppendOptions.DEFAULT);

            RecordedEvent found = stream.findEvent("id-2").orElseThrow();
            assertThat(found).isEqualTo(stream.read().get(1));
            assertThat(found.sequence()).isEqualTo(2);
            assertThat(stream.findEvent("id-1").orElseThrow().context()).isEqualTo(context);
            assertThat(stream.findEvent("id-3").orElseThrow().payloadAs(ThingHappened.class).number()).isEqualTo(3);
        }

        @Test
        @DisplayName("an id the stream does not hold, or a stream that does not exist, finds nothing")
        void notFound() {
            EventStream stream = newStream();
            assertThat(stream.findEvent("id-1")).isEmpty();
            stream.append(List.of(NewEvent.of(new ThingHappened("a", 1), "id-1")), AppendOptions.DEFAULT);
            assertThat(stream.findEvent("id-2")).isEmpty();
            assertThat(newStream().findEvent("id-1")).as("the same id in another stream").isEmpty();
        }

        @Test
        @DisplayName("an event appended by another application instance is found, also after this one looked before")
        void seenAcrossInstances() {
            String key = "shared-" + UUID.randomUUID();
            EventStream mine = stream(key);
            EventStream theirs = otherInstance.stream(domain, "Account", key);
            mine.append(List.of(NewEvent.of(new ThingHappened("a", 1), "id-1")), AppendOptions.DEFAULT);
            assertThat(mine.findEvent("id-2")).isEmpty();

            theirs.append(List.of(NewEvent.of(new ThingHappened("b", 2), "id-2")), AppendOptions.DEFAULT);

            assertThat(mine.findEvent("id-2").orElseThrow().sequence()).isEqualTo(2);
            assertThat(theirs.findEvent("id-1").orElseThrow().sequence()).isEqualTo(1);
        }

        @Test
        @DisplayName("after a delete the old events are not found, and a new stream under the key finds only its own")
        void notFoundAfterDeletion() {
            EventStream stream = newStream();
            stream.append(List.of(NewEvent.of(new ThingHappened("a", 1), "id-1"),
                    NewEvent.of(new ThingHappened("b", 2), "id-2")), AppendOptions.DEFAULT);
            stream.delete();
            assertThat(stream.findEvent("id-1")).isEmpty();

            stream.append(List.of(NewEvent.of(new ThingHappened("c", 3), "id-3")), AppendOptions.DEFAULT);
            assertThat(stream.findEvent("id-2")).isEmpty();
            assertThat(stream.findEvent("id-3").orElseThrow().sequence()).isEqualTo(1);
            assertThat(otherInstance.stream(stream.id()).findEvent("id-2")).as("seen by another instance").isEmpty();
        }
    }

    @Nested
    @DisplayName("Limits")
    class Limits {

        @Test
        @DisplayName("the largest atomic append lands whole, at consecutive sequences")
        void largestAtomicAppend() {
            EventStream stream = newStream();
            stream.append(things(1), AppendOptions.DEFAULT);
            int max = EventStoreLimits.DEFAULT.maxEventsPerAppend();
            AppendResult result = stream.append(things(max), AppendOptions.expectingVersion(1));
            assertThat(result.firstSequence()).isEqualTo(2);
            assertThat(result.lastSequence()).isEqualTo(1 + max);
            assertThat(stream.read()).hasSize(1 + max);
        }

        @Test
        @DisplayName("one event more than the limit is refused and nothing is written")
        void tooManyEvents() {
            EventStream stream = newStream();
            assertThatThrownBy(() -> stream.append(things(EventStoreLimits.DEFAULT.maxEventsPerAppend() + 1),
                    AppendOptions.DEFAULT))
                    .isInstanceOf(AppendTooLargeException.class).hasMessageContaining("appendNonAtomically");
            assertThat(stream.exists()).isFalse();
        }

        @Test
        @DisplayName("an event over the size limit is refused and nothing of its append is written")
        void eventTooLarge() {
            EventStream stream = newStream();
            String tooBig = "y".repeat(EventStoreLimits.DEFAULT.maxEventBytes() + 1);
            assertThatThrownBy(() -> stream.append(new ThingHappened("fine", 1), new BlobAttached(tooBig)))
                    .isInstanceOf(EventTooLargeException.class);
            assertThat(stream.exists()).isFalse();
        }

        @Test
        @DisplayName("an append over the total size limit is refused and nothing is written")
        void appendTooLarge() {
            EventStream stream = newStream();
            String big = "z".repeat(EventStoreLimits.DEFAULT.maxEventBytes() - 200);
            List<Object> events = IntStream.range(0, 9).mapToObj(i -> (Object) new BlobAttached(big)).toList();
            assertThatThrownBy(() -> stream.append(events, AppendOptions.DEFAULT))
                    .isInstanceOf(AppendTooLargeException.class);
            assertThat(stream.exists()).isFalse();
        }

        @Test
        @DisplayName("a full-size atomic append (just under the total size limit) is stored")
        void fullSizeAppend() {
            EventStream stream = newStream();
            String big = "w".repeat(EventStoreLimits.DEFAULT.maxEventBytes() - 200);
            List<Object> events = IntStream.range(0, 8).mapToObj(i -> (Object) new BlobAttached(big)).toList();
            stream.append(events, AppendOptions.DEFAULT);
            assertThat(stream.read()).hasSize(8).allSatisfy(e -> assertThat(e.payloadAs(BlobAttached.class).content()).isEqualTo(big));
        }

        @Test
        @DisplayName("a bulk append writes any number of events, in order, in chunks it reports")
        void bulkAppend() {
            EventStream stream = newStream();
            List<AppendResult> chunks = stream.appendNonAtomically(things(120), WriteContext.EMPTY.withWho("loader"));
            assertThat(chunks).hasSize(3);
            assertThat(chunks.get(0).streamCreated()).isTrue();
            assertThat(chunks.get(2).lastSequence()).isEqualTo(120);
            assertThat(numbers(stream)).containsExactlyElementsOf(IntStream.rangeClosed(1, 120).boxed().toList());
            assertThat(stream.read().get(119).context().who()).isEqualTo("loader");
        }
    }

    @Nested
    @DisplayName("Deletion")
    class Deletion {

        @Test
        @DisplayName("a 300-event stream is deleted whole, and the key then starts a fresh stream")
        void deleteLongStreamAndRecreate() {
            EventStream stream = newStream();
            List<Object> events = new ArrayList<>();
            for (int i = 1; i <= 300; i++) {
                events.add(NewEvent.of(new ThingHappened("old", i), "old-" + i));
            }
            stream.appendNonAtomically(events, WriteContext.EMPTY);
            assertThat(stream.version()).isEqualTo(300);

            assertThat(stream.delete()).isTrue();
            assertThat(stream.exists()).isFalse();
            assertThat(stream.version()).isZero();
            assertThat(stream.read()).isEmpty();
            assertThatThrownBy(() -> stream.append(new ThingHappened("late", 301), AppendOptions.expectingVersion(300)))
                    .isInstanceOf(ConcurrencyConflictException.class);
            assertThatThrownBy(() -> stream.append(new ThingHappened("late", 301), AppendOptions.mustExist()))
                    .isInstanceOf(StreamNotFoundException.class);
            assertThat(stream.exists()).isFalse();

            // Re-created: no old event, and an old event id is a new event, not a replay.
            AppendResult created = stream.append(List.of(NewEvent.of(new ThingHappened("new", 1), "old-1")),
                    AppendOptions.mustBeNew());
            assertThat(created.streamCreated()).isTrue();
            assertThat(created.alreadyApplied()).isFalse();
            assertThat(created.firstSequence()).isEqualTo(1);
            AppendResult second = stream.append(List.of(NewEvent.of(new ThingHappened("new", 2), "old-2")),
                    AppendOptions.expectingVersion(1));
            assertThat(second.alreadyApplied()).isFalse();
            assertThat(stream.read()).extracting(e -> e.payloadAs(ThingHappened.class).text()).containsExactly("new", "new");
        }

        @Test
        @DisplayName("deleting a stream that does not exist reports false")
        void deleteMissing() {
            assertThat(newStream().delete()).isFalse();
        }

        @Test
        @DisplayName("a deleted stream is deleted for every application instance")
        void deletedEverywhere() {
            EventStream stream = newStream();
            EventStream elsewhere = otherInstance.stream(stream.id());
            stream.append(things(3), AppendOptions.DEFAULT);
            assertThat(elsewhere.version()).isEqualTo(3);
            assertThat(stream.delete()).isTrue();
            assertThat(elsewhere.exists()).isFalse();
            assertThatThrownBy(() -> elsewhere.append(new ThingHappened("late", 4), AppendOptions.expectingVersion(3)))
                    .isInstanceOf(ConcurrencyConflictException.class);
            AppendResult result = elsewhere.append(new ThingHappened("fresh", 1));
            assertThat(result.streamCreated()).isTrue();
            assertThat(numbers(stream)).containsExactly(1);
        }
    }

    @Nested
    @DisplayName("Listing and keys")
    class ListingAndKeys {

        @Test
        @DisplayName("all instance keys of a domain/entity are listed, without deleted streams or other entities")
        void listInstanceKeys() {
            Set<String> expected = new TreeSet<>();
            for (int i = 0; i < 5; i++) {
                String key = "acct-" + i;
                stream(key).append(new ThingHappened("a", i));
                expected.add(key);
            }
            streams.stream(domain, "Customer", "cust-1").append(new ThingHappened("c", 1));
            stream("acct-2").delete();
            expected.remove("acct-2");
            assertThat(streams.instanceKeys(domain, "Account")).containsExactlyElementsOf(expected);
            assertThat(streams.instanceKeys(domain, "Customer")).containsExactly("cust-1");
            assertThat(streams.instanceKeys(domain, "Nobody")).isEmpty();
        }

        @Test
        @DisplayName("keys with characters Azure keys cannot hold are stored as distinct streams and listed as given")
        void awkwardKeys() {
            List<String> keys = List.of("a/b", "a\\b", "a#b", "a?b", "a b", "A B", "a%2Fb", "東京-😀", "a'b\"c",
                    "-", ".", "..", "x".repeat(StreamId.MAX_INSTANCE_KEY_LENGTH));
            for (int i = 0; i < keys.size(); i++) {
                stream(keys.get(i)).append(new ThingHappened(keys.get(i), i));
            }
            for (int i = 0; i < keys.size(); i++) {
                assertThat(numbers(stream(keys.get(i)))).as("stream of key '%s'", keys.get(i)).containsExactly(i);
                // A backend may look a stream's state up by its key rather than query for it: the key must survive.
                assertThat(stream(keys.get(i)).version()).as("version of key '%s'", keys.get(i)).isEqualTo(1);
            }
            assertThat(streams.instanceKeys(domain, "Account")).containsExactlyInAnyOrderElementsOf(keys);
        }

        @Test
        @DisplayName("keys that differ only in case are different streams")
        void caseSensitiveKeys() {
            stream("abc").append(new ThingHappened("lower", 1));
            stream("ABC").append(new ThingHappened("upper", 2));
            assertThat(numbers(stream("abc"))).containsExactly(1);
            assertThat(numbers(stream("ABC"))).containsExactly(2);
        }

        @Test
        @DisplayName("illegal keys are refused with a clear error")
        void illegalKeys() {
            assertThatThrownBy(() -> stream("bad\u0001key")).isInstanceOf(InvalidStreamKeyException.class)
                    .hasMessageContaining("control character");
            assertThatThrownBy(() -> stream("")).isInstanceOf(InvalidStreamKeyException.class);
            assertThatThrownBy(() -> stream("x".repeat(StreamId.MAX_INSTANCE_KEY_LENGTH + 1)))
                    .isInstanceOf(InvalidStreamKeyException.class);
            assertThatThrownBy(() -> streams.stream("Bad Domain", "Account", "k"))
                    .isInstanceOf(InvalidStreamKeyException.class);
        }

        @Test
        @DisplayName("a new stream cannot get a key with an invisible character or white space at its start or end")
        void invisibleCharactersInNewKeys() {
            for (String key : List.of("A-1\u200B", "A-\u202E1", "\uFEFFA-1", " ", "trail ", " lead", "nbsp\u00A0")) {
                assertThatThrownBy(() -> stream(key).append(new ThingHappened("x", 1)))
                        .as("key '%s'", key).isInstanceOf(InvalidStreamKeyException.class)
                        .hasMessageContaining("allow-invisible-characters");
                assertThat(stream(key).exists()).as("key '%s'", key).isFalse();
            }
            assertThat(streams.instanceKeys(domain, "Account")).isEmpty();
        }

        @Test
        @DisplayName("keys joined by a zero-width joiner or non-joiner (emoji sequences, Persian) are accepted")
        void joinersInKeys() {
            List<String> keys = List.of("\uD83D\uDC69\u200D\uD83D\uDCBB", "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645",
                    "in the middle");
            keys.forEach(key -> stream(key).append(new ThingHappened(key, 1)));
            assertThat(streams.instanceKeys(domain, "Account")).containsExactlyInAnyOrderElementsOf(keys);
        }

        @Test
        @DisplayName("a stream created while invisible characters were allowed stays readable and appendable")
        void existingStreamsKeepTheirKeys() {
            String key = "A-1\u200B";
            EventStreams allowing = streamsOn(store(), registry(), NewStreamKeys.ANY_VALID);
            allowing.stream(domain, "Account", key).append(new ThingHappened("created", 1));

            stream(key).append(new ThingHappened("appended", 2));

            assertThat(numbers(stream(key))).containsExactly(1, 2);
            assertThat(numbers(stream("A-1"))).isEmpty();
        }

        @Test
        @DisplayName("the same key under two entity types or two domains is two streams")
        void typesAreSeparate() {
            streams.stream(domain, "Account", "same").append(new ThingHappened("account", 1));
            streams.stream(domain, "Loan", "same").append(new ThingHappened("loan", 2));
            streams.stream(domain + "x", "Account", "same").append(new ThingHappened("other domain", 3));
            assertThat(numbers(streams.stream(domain, "Account", "same"))).containsExactly(1);
            assertThat(numbers(streams.stream(domain, "Loan", "same"))).containsExactly(2);
            assertThat(numbers(streams.stream(domain + "x", "Account", "same"))).containsExactly(3);
        }

        @Test
        @DisplayName("domain/entity names that differ only in case never share a stream")
        void typesDifferingInCase() {
            streams.stream(domain, "Account", "k").append(new ThingHappened("upper", 1));
            EventStream lower;
            try {
                lower = streams.stream(domain, "account", "k");
                lower.append(new ThingHappened("lower", 2));
            } catch (InvalidStreamKeyException refusedClearly) {
                assertThat(refusedClearly.getMessage()).contains("account");
                return;
            }
            assertThat(numbers(lower)).containsExactly(2);
            assertThat(numbers(streams.stream(domain, "Account", "k"))).containsExactly(1);
        }
    }

    @Nested
    @DisplayName("Event types")
    class EventTypes {

        @Test
        @DisplayName("an event whose name no class carries reads as an UnknownEvent with its JSON, never dropped")
        void unknownEventName() {
            EventStream stream = newStream();
            stream.append(new ThingHappened("a", 1));
            EventStreams reader = streamsOn(store(), new EventTypeRegistry());
            List<RecordedEvent> events = reader.stream(stream.id()).read();
            assertThat(events).hasSize(1);
            assertThat(events.get(0).isKnown()).isFalse();
            assertThat(events.get(0).payload()).isInstanceOfSatisfying(UnknownEvent.class, unknown -> {
                assertThat(unknown.eventName()).isEqualTo("Thing Happened");
                assertThat(unknown.json()).contains("\"text\":\"a\"");
            });
        }

        @Test
        @DisplayName("an object without @EventName is refused before anything is written")
        void unannotatedEvent() {
            EventStream stream = newStream();
            record NotAnEvent(String x) {
            }
            assertThatThrownBy(() -> stream.append(new ThingHappened("a", 1), new NotAnEvent("x")))
                    .isInstanceOf(io.github.eventsourcing.azure.stream.UnknownEventTypeException.class)
                    .hasMessageContaining("@EventName");
            assertThat(stream.exists()).isFalse();
        }

        @Test
        @DisplayName("an old stored shape is upcast into today's class")
        void upcasting() {
            EventStream stream = newStream();
            EventStreams oldCode = streamsOn(store(), new EventTypeRegistry(List.of(AddressChangedV1.class), List.of()));
            oldCode.stream(stream.id()).append(new AddressChangedV1("1 Main Street, Springfield"));

            EventUpcaster splitAddress = new EventUpcaster() {
                public String eventName() {
                    return "Address Changed";
                }

                public int fromVersion() {
                    return 1;
                }

                public ObjectNode upcast(ObjectNode stored) {
                    String[] parts = stored.remove("address").asText().split(", ");
                    return stored.put("street", parts[0]).put("city", parts[1]);
                }
            };
            EventStreams newCode = streamsOn(store(),
                    new EventTypeRegistry(List.of(AddressChanged.class), List.of(splitAddress)));
            RecordedEvent event = newCode.stream(stream.id()).read().get(0);
            assertThat(event.payload()).isEqualTo(new AddressChanged("1 Main Street", "Springfield"));
            assertThat(event.schemaVersion()).isEqualTo(2);
        }
    }
}
