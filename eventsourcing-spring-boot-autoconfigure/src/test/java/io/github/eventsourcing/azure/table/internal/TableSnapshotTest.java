package io.github.eventsourcing.azure.table.internal;

import com.azure.data.tables.models.TableEntity;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionName;
import io.github.eventsourcing.azure.projection.ProjectionOptions;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Snapshots;
import io.github.eventsourcing.azure.projection.internal.DefaultProjections;
import io.github.eventsourcing.azure.spi.SnapshotStore.StoredSnapshot;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.stream.internal.DefaultEventStreams;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.github.eventsourcing.azure.table.internal.TableTesting.freshDomain;
import static io.github.eventsourcing.azure.table.internal.TableTesting.freshStream;
import static io.github.eventsourcing.azure.table.internal.TableTesting.rowKeysOf;
import static io.github.eventsourcing.azure.table.internal.TableTesting.rowsOf;
import static io.github.eventsourcing.azure.table.internal.TableTesting.things;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@DisplayName("Projection snapshots on the Table backend")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TableSnapshotTest {

    /** Counts the events its handler saw, so a test can tell how much of a stream a fold read. */
    static final AtomicInteger HANDLED = new AtomicInteger();

    @ProjectionName("Table Tally")
    @Snapshots(every = 10)
    static class Tally {
        long total;
        List<String> texts = new ArrayList<>();

        @EventHandler
        void on(ThingHappened event) {
            HANDLED.incrementAndGet();
            total = total * 31 + event.number(); // order-sensitive, so a fold in the wrong order shows
            if (event.number() % 7 == 0) {
                texts.add(event.text());
            }
        }
    }

    /** The same fold under the same name, without snapshots: the reference every snapshotted fold must equal. */
    @ProjectionName("Table Tally")
    static class FullTally extends Tally {
    }

    private final AzureTableLimitsPolicy limits = new AzureTableLimitsPolicy();
    private final RequestLog requests = new RequestLog();
    private final TableEventStore store = new TableEventStore(AzuriteTables.client(limits, requests));
    private final DefaultEventStreams streams = (DefaultEventStreams) TableTesting.streamsOn(store);
    /** Writes snapshots on the folding thread, so a test sees them (and their requests) as the fold returns. */
    private final DefaultProjections projections = new DefaultProjections(streams, List.of(), Runnable::run);
    private final String domain = freshDomain();

    @AfterEach
    void nothingAzureWouldRefuseWasSent() {
        assertThat(limits.refused()).isEmpty();
    }

    private static StoredSnapshot snapshot(long sequence, String lastEventId, byte[] state) {
        return new StoredSnapshot(sequence, lastEventId, Instant.parse("2026-01-02T03:04:05.678Z"), state);
    }

    private static byte[] json(int bytes) {
        byte[] state = new byte[bytes];
        Arrays.fill(state, (byte) 'x');
        state[0] = '"';
        state[bytes - 1] = '"';
        return state;
    }

    private EventStream streamWith(int events) {
        EventStream stream = streams.stream(freshStream(domain));
        stream.appendNonAtomically(things(1, events), WriteContext.EMPTY);
        return stream;
    }

    @Test
    @DisplayName("a saved snapshot loads back as saved, in one request each way (a point read back); a missing one is "
            + "an empty answer")
    void roundTrip() {
        EventStream stream = streamWith(3);
        StoredSnapshot saved = snapshot(3, "event-3", "{\"total\":42,\"text\":\"ä/#?%\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(requests.during(() -> store.saveSnapshot(stream.id(), "Tally@v1", saved))).hasSize(1);
        List<StoredSnapshot> loaded = new ArrayList<>();
        assertThat(requests.during(() -> loaded.add(store.loadSnapshot(stream.id(), "Tally@v1").orElseThrow())))
                .singleElement().matches(RequestLog.Sent::pointRead);
        assertThat(loaded.get(0)).usingRecursiveComparison().isEqualTo(saved);

        assertThat(requests.during(() -> assertThat(store.loadSnapshot(stream.id(), "Other@v1")).isEmpty()))
                .singleElement().matches(RequestLog.Sent::pointRead);
        assertThat(store.loadSnapshot(freshStream(domain), "Tally@v1")).isEmpty();
        assertThat(store.loadSnapshot(freshStream(freshDomain()), "Tally@v1")).as("a table never written").isEmpty();
    }

    @Test
    @DisplayName("snapshot rows are invisible to reads, versions, listings and appends of the stream")
    void besideTheStream() {
        EventStream stream = streamWith(5);
        store.saveSnapshot(stream.id(), "Tally@v1", snapshot(5, "x", "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(rowKeysOf(store, stream.id())).last().isEqualTo(RowKeys.snapshot("Tally@v1"));
        assertThat(stream.read()).extracting(RecordedEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(stream.read(io.github.eventsourcing.azure.stream.ReadOptions.from(4)))
                .extracting(RecordedEvent::sequence).containsExactly(4L, 5L);
        assertThat(stream.version()).isEqualTo(5);
        assertThat(streams.instanceKeys(domain, "Account")).containsExactly(stream.id().instanceKey());
        assertThat(stream.append(new ThingHappened("six", 6), AppendOptions.expectingVersion(5)).lastSequence())
                .isEqualTo(6);
        assertThat(stream.append(new ThingHappened("seven", 7)).lastSequence()).isEqualTo(7);
    }

    @Test
    @DisplayName("a large state is split over 64 KiB properties; a smaller one replaces it whole")
    void largeState() {
        EventStream stream = streamWith(1);
        // 11 properties. Azure takes up to 1 MiB by its size formula; Azurite measures the request's JSON, in which
        // binary grows by a third as base64, and so refuses a single entity of more than about 760 KiB of state.
        StoredSnapshot large = snapshot(1, "a", json(700 * 1024));
        store.saveSnapshot(stream.id(), "Big@v1", large);
        TableEntity row = rowsOf(store, stream.id()).stream()
                .filter(r -> r.getRowKey().equals(RowKeys.snapshot("Big@v1"))).findFirst().orElseThrow();
        assertThat(row.getProperties()).containsKeys("Data", "Data1", "Data10").doesNotContainKey("Data11");
        assertThat(store.loadSnapshot(stream.id(), "Big@v1").orElseThrow().state()).isEqualTo(large.state());

        StoredSnapshot small = snapshot(1, "a", "{\"small\":true}".getBytes(StandardCharsets.UTF_8));
        store.saveSnapshot(stream.id(), "Big@v1", small);
        assertThat(store.loadSnapshot(stream.id(), "Big@v1").orElseThrow().state()).isEqualTo(small.state());
    }

    @Test
    @DisplayName("a snapshot over Azure's 1 MiB entity limit is not saved, the stored one stays, and nothing is sent")
    void tooLargeIsSkipped() {
        EventStream stream = streamWith(2);
        StoredSnapshot fits = snapshot(1, "a", "{\"fits\":true}".getBytes(StandardCharsets.UTF_8));
        store.saveSnapshot(stream.id(), "Huge@v1", fits);

        assertThat(requests.during(() -> store.saveSnapshot(stream.id(), "Huge@v1", snapshot(2, "b", json(1024 * 1024)))))
                .as("refused before sending").isEmpty();
        assertThat(store.loadSnapshot(stream.id(), "Huge@v1").orElseThrow().state()).isEqualTo(fits.state());
        assertThat(requests.during(() -> store.saveSnapshot(stream.id(), "L".repeat(600) + "@v1", fits)))
                .as("a key too long for Azure is not sent either").isEmpty();
        assertThat(store.loadSnapshot(stream.id(), "L".repeat(600) + "@v1")).isEmpty();
    }

    @Test
    @DisplayName("deleting a stream removes its snapshots, also of large states, and a re-created stream starts clean")
    void deletionRemovesSnapshots() {
        EventStream stream = streamWith(150); // cleanup in two batches
        store.saveSnapshot(stream.id(), "Big@v1", snapshot(150, "a", json(500 * 1024)));
        store.saveSnapshot(stream.id(), "Small@v1", snapshot(150, "a", "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(stream.delete()).isTrue();

        assertThat(rowKeysOf(store, stream.id())).singleElement().asString().startsWith(RowKeys.GONE_PREFIX);
        assertThat(store.loadSnapshot(stream.id(), "Big@v1")).isEmpty();
        stream.append(new ThingHappened("again", 1));
        assertThat(store.loadSnapshot(stream.id(), "Small@v1")).isEmpty();
    }

    @Test
    @DisplayName("a fold with a snapshot 100 events behind a long stream reads the snapshot and those events only")
    void foldReadsOnlyTheTail() {
        EventStream stream = streamWith(1_000);
        projections.project(stream.id(), Tally.class); // a full fold, which saves the snapshot at 1,000
        stream.appendNonAtomically(things(1_001, 1_100), WriteContext.EMPTY);

        HANDLED.set(0);
        List<ProjectionResult<Tally>> result = new ArrayList<>();
        List<RequestLog.Sent> sent = requests.during(() -> result.add(projections.project(stream.id(), Tally.class)));

        assertThat(HANDLED.get()).isEqualTo(100);
        assertThat(sent).as("load the snapshot, read the events after it, save the new snapshot").hasSizeLessThanOrEqualTo(3)
                .extracting(RequestLog.Sent::pointRead, RequestLog.Sent::query)
                .containsExactly(tuple(true, false),
                        tuple(false, true), tuple(false, false));
        assertThat(store.loadSnapshot(stream.id(), keyOf(stream)).orElseThrow().sequence()).isEqualTo(1_100);
        ProjectionResult<FullTally> full = projections.project(stream.id(), FullTally.class);
        assertThat(result.get(0).asOfSequence()).isEqualTo(full.asOfSequence()).isEqualTo(1_100);
        assertThat(result.get(0).state().total).isEqualTo(full.state().total);
        assertThat(result.get(0).state().texts).isEqualTo(full.state().texts);
    }

    private String keyOf(EventStream stream) {
        return rowKeysOf(store, stream.id()).stream().filter(key -> key.startsWith(RowKeys.SNAPSHOT_PREFIX))
                .map(key -> KeyEscaping.unescape(key.substring(RowKeys.SNAPSHOT_PREFIX.length())))
                .filter(key -> key.startsWith("Table Tally@c")).findFirst().orElseThrow();
    }

    @RepeatedTest(3)
    @DisplayName("folds from snapshots equal full folds on random streams, appended, read as of, deleted and re-created")
    void randomizedEqualsFullFold() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        StreamId id = freshStream(domain);
        EventStream stream = streams.stream(id);
        int written = 0;
        for (int step = 0; step < 12; step++) {
            int action = random.nextInt(8);
            int count = action < 3 ? 1 : action < 5 ? 1 + random.nextInt(20) : 1 + random.nextInt(70);
            List<Object> events = things(written + 1, written + count);
            written += count;
            switch (action) {
                case 0 -> stream.delete();
                case 1, 2, 3, 4 -> stream.append(events, AppendOptions.DEFAULT);
                default -> stream.appendNonAtomically(events, WriteContext.EMPTY);
            }
            ProjectionOptions options = random.nextInt(4) == 0 && stream.version() > 0
                    ? ProjectionOptions.asOf(1 + random.nextInt((int) stream.version())) : ProjectionOptions.LATEST;
            ProjectionResult<Tally> snapshotted = projections.project(id, Tally.class, options);
            ProjectionResult<FullTally> full = projections.project(id, FullTally.class, options);
            String where = "seed " + seed + ", step " + step;
            assertThat(snapshotted.asOfSequence()).as(where).isEqualTo(full.asOfSequence());
            assertThat(snapshotted.exists()).as(where).isEqualTo(full.exists());
            assertThat(snapshotted.asOfTime()).as(where).isEqualTo(full.asOfTime());
            assertThat(snapshotted.state().total).as(where).isEqualTo(full.state().total);
            assertThat(snapshotted.state().texts).as(where).isEqualTo(full.state().texts);
        }
    }
}
