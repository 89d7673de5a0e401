package io.github.eventsourcing.azure.table.internal;

import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.ReadOptions;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static io.github.eventsourcing.azure.table.internal.TableTesting.freshDomain;
import static io.github.eventsourcing.azure.table.internal.TableTesting.freshStream;
import static io.github.eventsourcing.azure.table.internal.TableTesting.things;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@DisplayName("Round trips of the Table backend")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TableRoundTripsTest {

    private final AzureTableLimitsPolicy limits = new AzureTableLimitsPolicy();
    private final RequestLog requests = new RequestLog();
    private final TableEventStore store = new TableEventStore(AzuriteTables.client(limits, requests));
    private final EventStreams streams = TableTesting.streamsOn(store);
    private String domain;

    @BeforeEach
    void tableOfThisTestExists() {
        domain = freshDomain();
        // The first write to a stream type creates its table; the counts below are about everything after that.
        streams.stream(freshStream(domain)).append(new ThingHappened("warm-up", 0));
    }

    @AfterEach
    void nothingAzureWouldRefuseWasSent() {
        assertThat(limits.refused()).isEmpty();
    }

    private EventStream newStream() {
        return streams.stream(freshStream(domain));
    }

    @Test
    @DisplayName("an append with an expected version is one request, the first append of a new stream included")
    void appendWithExpectedVersion() {
        EventStream stream = newStream();
        assertThat(requests.during(() -> stream.append(new ThingHappened("a", 1), AppendOptions.mustBeNew())))
                .singleElement().matches(RequestLog.Sent::batch);
        assertThat(requests.during(() -> stream.append(new ThingHappened("b", 2), AppendOptions.expectingVersion(1))))
                .singleElement().matches(RequestLog.Sent::batch);
        assertThat(requests.during(() -> stream.append(things(3, 5), AppendOptions.expectingVersion(2))))
                .singleElement().matches(RequestLog.Sent::batch);
        assertThat(requests.during(() -> stream.append(things(6, 6),
                AppendOptions.mustExist().withExpectedVersion(5)))).hasSize(1);
        EventStream other = newStream();
        assertThat(requests.during(() -> other.append(things(1, 49), AppendOptions.expectingVersion(0)))).hasSize(1);
        assertThat(stream.version()).isEqualTo(6);
        assertThat(other.version()).isEqualTo(49);
    }

    @Test
    @DisplayName("an append without an expected version to a stream this process has not seen is two requests: a "
            + "point read of the header, then the batch")
    void coldAppendWithoutExpectedVersion() {
        assertThat(requests.during(() -> newStream().append(new ThingHappened("a", 1))))
                .extracting(RequestLog.Sent::pointRead, RequestLog.Sent::batch)
                .containsExactly(tuple(true, false),
                        tuple(false, true));
        EventStream existing = newStream();
        existing.append(new ThingHappened("a", 1));
        EventStream unseen = TableTesting.streamsOn(store).stream(existing.id());
        assertThat(requests.during(() -> unseen.append(new ThingHappened("b", 2), AppendOptions.mustExist())))
                .hasSize(2);
    }

    @Test
    @DisplayName("an append without an expected version, or must-exist, to a stream this process has seen is one "
            + "request: the batch, at the version last seen")
    void warmAppendWithoutExpectedVersion() {
        EventStream stream = newStream();
        stream.append(new ThingHappened("a", 1));
        assertThat(requests.during(() -> stream.append(things(2, 4), AppendOptions.DEFAULT)))
                .singleElement().matches(RequestLog.Sent::batch);
        assertThat(requests.during(() -> stream.append(new ThingHappened("e", 5), AppendOptions.mustExist())))
                .singleElement().matches(RequestLog.Sent::batch);
        EventStream read = TableTesting.streamsOn(store).stream(stream.id());
        read.read();
        assertThat(requests.during(() -> read.append(new ThingHappened("f", 6)))).hasSize(1);
        assertThat(stream.version()).isEqualTo(6);
    }

    @Test
    @DisplayName("the README's deposit, exists() and then a must-exist append, is two requests")
    void readmeDeposit() {
        EventStream account = newStream();
        account.append(new ThingHappened("opened", 1));
        EventStream inRequest = TableTesting.streamsOn(store).stream(account.id());
        assertThat(requests.during(() -> {
            assertThat(inRequest.exists()).isTrue();
            inRequest.append(new ThingHappened("deposit", 2), AppendOptions.mustExist());
        })).extracting(RequestLog.Sent::pointRead, RequestLog.Sent::batch)
                .containsExactly(tuple(true, false),
                        tuple(false, true));
    }

    @Test
    @DisplayName("an append at a version gone stale (another instance appended) still lands at the end, in four "
            + "requests: the failed batch, the look at why, the header, the batch")
    void staleVersion() {
        EventStream stream = newStream();
        stream.append(new ThingHappened("a", 1));
        TableTesting.streamsOn(store).stream(stream.id()).append(new ThingHappened("b", 2));
        assertThat(requests.during(() -> assertThat(stream.append(new ThingHappened("c", 3)).firstSequence())
                .isEqualTo(3))).hasSize(4);
        assertThat(requests.during(() -> stream.append(new ThingHappened("d", 4)))).hasSize(1);
    }

    @Test
    @DisplayName("8 writers in one process appending to one stream without an expected version take at most 2 requests "
            + "per event, fewer than one: appends that wait for the one in flight share the next transaction")
    void eightWritersOnOneStream() {
        EventStream stream = newStream();
        stream.append(new ThingHappened("opened", 0));
        int writers = 8;
        int perWriter = 10;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<RequestLog.Sent> sent;
        try {
            sent = requests.during(() -> IntStream.range(0, writers).mapToObj(writer -> pool.submit(() -> {
                EventStream mine = streams.stream(stream.id());
                for (int i = 1; i <= perWriter; i++) {
                    mine.append(new ThingHappened(writer + ":" + i, i));
                }
            })).toList().forEach(TableRoundTripsTest::join));
        } finally {
            pool.shutdownNow();
        }
        int events = writers * perWriter;
        System.out.printf("%d writers, %d events: %d requests, %.2f per event%n", writers, events, sent.size(),
                (double) sent.size() / events);
        assertThat(sent.size()).isLessThanOrEqualTo(2 * events).isLessThan(events);
        assertThat(stream.read()).extracting(RecordedEvent::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, events + 1).boxed().toList());
    }

    private static void join(Future<?> writer) {
        try {
            writer.get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("version, exists and reading a short stream are one request each")
    void readsAreOneRequest() {
        EventStream stream = newStream();
        stream.append(things(1, 10), AppendOptions.DEFAULT);
        assertThat(requests.during(stream::version)).singleElement().matches(RequestLog.Sent::pointRead);
        assertThat(requests.during(stream::exists)).hasSize(1);
        assertThat(requests.during(stream::read)).hasSize(1);
        assertThat(requests.during(() -> stream.read(ReadOptions.from(4).withToSequence(6)))).hasSize(1);
        EventStream missing = newStream();
        assertThat(requests.during(missing::version)).hasSize(1);
        assertThat(requests.during(missing::read)).hasSize(1);
    }

    @Test
    @DisplayName("a long stream is read a small page first, then in pages of up to 1,000 small events, then its header "
            + "once more (the stream's life must not have changed); a read that stops early fetches no further page")
    void longStreamsArePaged() {
        EventStream stream = newStream();
        stream.appendNonAtomically(things(1, 1_450), io.github.eventsourcing.azure.stream.WriteContext.EMPTY);

        List<RecordedEvent> all = new ArrayList<>();
        // The header and 199 events, then 1,000 events, then the last 251, then the header by a point read.
        assertThat(requests.during(() -> all.addAll(stream.read())))
                .extracting(RequestLog.Sent::pointRead).containsExactly(false, false, false, true);
        assertThat(all).extracting(RecordedEvent::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 1_450).boxed().toList());
        List<RecordedEvent> tail = new ArrayList<>();
        assertThat(requests.during(() -> tail.addAll(stream.read(ReadOptions.from(1_200))))).hasSize(3);
        assertThat(tail).extracting(RecordedEvent::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1_200, 1_450).boxed().toList());

        List<Long> firstTen = new ArrayList<>();
        assertThat(requests.during(() -> store.read(stream.id(), 1, Long.MAX_VALUE, event -> {
            firstTen.add(event.sequence());
            return firstTen.size() < 10;
        }))).hasSize(1);
        assertThat(firstTen).containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
    }

    @Test
    @DisplayName("a bulk append is one request per atomic chunk, and one more to read the header for the first when "
            + "the process has not seen the stream")
    void bulkAppend() {
        EventStream stream = newStream();
        stream.append(new ThingHappened("a", 1));
        // 49 events per chunk: 3 chunks. The process knows where the stream ends.
        assertThat(requests.during(() -> stream.appendNonAtomically(things(2, 121),
                io.github.eventsourcing.azure.stream.WriteContext.EMPTY))).hasSize(3)
                .allMatch(RequestLog.Sent::batch);
        EventStream unseen = TableTesting.streamsOn(store).stream(stream.id());
        assertThat(requests.during(() -> unseen.appendNonAtomically(things(122, 150),
                io.github.eventsourcing.azure.stream.WriteContext.EMPTY)))
                .extracting(RequestLog.Sent::pointRead, RequestLog.Sent::batch)
                .containsExactly(tuple(true, false),
                        tuple(false, true));
        assertThat(stream.read()).extracting(RecordedEvent::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 150).boxed().toList());
    }

    @Test
    @DisplayName("reading and listing a type that was never written creates no table")
    void readsCreateNoTable() {
        StreamId id = freshStream(freshDomain());
        EventStream stream = streams.stream(id);
        assertThat(requests.during(stream::version)).hasSize(1);
        assertThat(stream.read()).isEmpty();
        assertThat(streams.instanceKeys(id.domain(), id.entityType())).isEmpty();
        assertThat(stream.delete()).isFalse();
        assertThat(TableTesting.tableExists(store, id.type())).isFalse();
    }

    @Test
    @DisplayName("the first write to a new type creates its table once; another instance then writes in one request")
    void firstWriteCreatesTable() {
        StreamId id = freshStream(freshDomain());
        assertThat(requests.during(() -> streams.stream(id).append(new ThingHappened("a", 1), AppendOptions.mustBeNew())))
                .extracting(RequestLog.Sent::path)
                .containsExactly("/devstoreaccount1/$batch", "/devstoreaccount1/Tables", "/devstoreaccount1/$batch");
        assertThat(TableTesting.tableExists(store, id.type())).isTrue();

        RequestLog otherRequests = new RequestLog();
        EventStreams otherInstance = TableTesting.streamsOn(new TableEventStore(AzuriteTables.client(limits, otherRequests)));
        otherInstance.stream(id.type().instance("another")).append(new ThingHappened("b", 2), AppendOptions.mustBeNew());
        assertThat(otherRequests.all()).singleElement().matches(RequestLog.Sent::batch);
    }
}
