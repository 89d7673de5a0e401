package io.github.eventsourcing.azure.blob.internal;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionName;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Snapshots;
import io.github.eventsourcing.azure.projection.internal.DefaultProjections;
import io.github.eventsourcing.azure.spi.SnapshotStore.StoredSnapshot;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.stream.internal.DefaultEventStreams;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.client;
import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.streamsOn;
import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.uniqueDomain;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
@DisplayName("AppendBlob: projection snapshots beside the stream")
class AppendBlobSnapshotTest {

    static final AtomicInteger HANDLED = new AtomicInteger();

    @ProjectionName("Blob Tally")
    @Snapshots(every = 50)
    static class Tally {
        long total;

        @EventHandler
        void on(ThingHappened event) {
            HANDLED.incrementAndGet();
            total = total * 31 + event.number();
        }
    }

    @ProjectionName("Blob Tally")
    static class FullTally extends Tally {
    }

    private final String domain = uniqueDomain();
    private final RequestLog wire = new RequestLog();
    private final BlobServiceClient plain = client();
    private final AppendBlobEventStore store = new AppendBlobEventStore(client(wire), "snaps");
    private final DefaultEventStreams streams = (DefaultEventStreams) streamsOn(store);
    private final DefaultProjections projections = new DefaultProjections(streams, List.of(), Runnable::run);

    private static List<Object> things(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> (Object) new ThingHappened("event " + i, i)).toList();
    }

    private EventStream streamWith(String key, int events) {
        EventStream stream = streams.stream(domain, "Account", key);
        stream.appendNonAtomically(things(1, events), WriteContext.EMPTY);
        return stream;
    }

    private static StoredSnapshot snapshot(long sequence, String lastEventId, byte[] state) {
        return new StoredSnapshot(sequence, lastEventId, Instant.parse("2026-01-02T03:04:05.678Z"), state);
    }

    private List<String> blobsOf(StreamId id) {
        BlobContainerClient container = plain.getBlobContainerClient(store.containerNameFor(id.type()));
        List<String> names = new ArrayList<>();
        for (BlobItem item : container.listBlobs(new ListBlobsOptions().setPrefix(""), null)) {
            if (item.getName().contains("/" + BlobNames.encodeKey(id.instanceKey()) + "/")) {
                names.add(item.getName());
            }
        }
        return names;
    }

    @Test
    @DisplayName("a saved snapshot loads back as saved, one request each way; a missing one is an empty answer")
    void roundTrip() {
        EventStream stream = streamWith("round-trip", 3);
        StoredSnapshot saved = snapshot(3, "event \"3\"\nä", "{\"total\":42,\"text\":\"a\\nb ä\"}"
                .getBytes(StandardCharsets.UTF_8));
        wire.clear();

        store.saveSnapshot(stream.id(), "Tally@v1", saved);
        assertThat(wire.kinds()).containsExactly("PUT create");
        wire.clear();
        assertThat(store.loadSnapshot(stream.id(), "Tally@v1").orElseThrow()).usingRecursiveComparison()
                .isEqualTo(saved);
        assertThat(wire.kinds()).containsExactly("GET blob");
        wire.clear();
        assertThat(store.loadSnapshot(stream.id(), "Other @ v/1")).isEmpty();
        assertThat(wire.kinds()).containsExactly("GET blob");
        assertThat(store.loadSnapshot(StreamId.of(uniqueDomain(), "Account", "x"), "Tally@v1"))
                .as("a container never written").isEmpty();
        assertThat(blobsOf(stream.id())).contains("snapshots/round-trip/Tally~40v1");
    }

    @Test
    @DisplayName("snapshots are invisible to reads, listings and appends; a large state round-trips whole")
    void besideTheStreamAndLarge() {
        EventStream stream = streamWith("beside", 5);
        byte[] large = new byte[3 * 1024 * 1024];
        Arrays.fill(large, (byte) '7');
        store.saveSnapshot(stream.id(), "Big@v1", snapshot(5, "x", large));

        assertThat(stream.read()).extracting(RecordedEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(streams.instanceKeys(domain, "Account")).containsExactly("beside");
        assertThat(stream.append(new ThingHappened("six", 6)).lastSequence()).isEqualTo(6);
        assertThat(store.loadSnapshot(stream.id(), "Big@v1").orElseThrow().state()).isEqualTo(large);
        store.saveSnapshot(stream.id(), "Big@v1", snapshot(6, "y", "{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(store.loadSnapshot(stream.id(), "Big@v1").orElseThrow().state()).asString().isEqualTo("{}");
    }

    @Test
    @DisplayName("deleting a stream removes its snapshots")
    void deletionRemovesSnapshots() {
        EventStream stream = streamWith("deleted", 10);
        store.saveSnapshot(stream.id(), "A@v1", snapshot(10, "x", "{}".getBytes(StandardCharsets.UTF_8)));
        store.saveSnapshot(stream.id(), "B@v1", snapshot(10, "x", "{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(blobsOf(stream.id())).filteredOn(name -> name.startsWith(BlobNames.SNAPSHOTS)).hasSize(2);

        assertThat(stream.delete()).isTrue();

        assertThat(blobsOf(stream.id())).noneMatch(name -> name.startsWith(BlobNames.SNAPSHOTS))
                .noneMatch(name -> name.startsWith(BlobNames.STREAMS));
        assertThat(store.loadSnapshot(stream.id(), "A@v1")).isEmpty();
    }

    @Test
    @DisplayName("a fold with a snapshot 100 events behind a long stream reads the snapshot and those events only")
    void foldReadsOnlyTheTail() {
        EventStream stream = streamWith("long", 20_000);
        projections.project(stream.id(), Tally.class); // a full fold, which saves the snapshot at 20,000
        stream.appendNonAtomically(things(20_001, 20_100), WriteContext.EMPTY);

        HANDLED.set(0);
        wire.clear();
        ProjectionResult<Tally> result = projections.project(stream.id(), Tally.class);

        assertThat(HANDLED.get()).isEqualTo(100);
        assertThat(wire.requests()).as("load the snapshot, read the events after it, save the new snapshot")
                .hasSizeLessThanOrEqualTo(3);
        assertThat(wire.requests().stream().mapToLong(RequestLog.Request::responseBytes).sum())
                .as("bytes downloaded: the snapshot and about 100 events, not the stream").isLessThan(64 * 1024);
        ProjectionResult<FullTally> full = projections.project(stream.id(), FullTally.class);
        assertThat(result.asOfSequence()).isEqualTo(full.asOfSequence()).isEqualTo(20_100);
        assertThat(result.state().total).isEqualTo(full.state().total);
    }
}
