package io.github.eventsourcing.azure.blob.internal;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.AppendBlobCreateOptions;
import io.github.eventsourcing.azure.spi.ChangeFeed;
import io.github.eventsourcing.azure.spi.PendingChanges;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.BackendUnavailableException;
import io.github.eventsourcing.azure.stream.ConcurrencyConflictException;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.ReadOptions;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.client;
import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.streamsOn;
import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.uniqueDomain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The 50,000-block limit of an append blob, lowered to 3 blocks per segment so tests reach it quickly. */
@Timeout(120)
@DisplayName("AppendBlob: a stream continues in a next segment when one is full")
class AppendBlobSegmentRolloverTest {

    private static final AppendBlobSettings THREE_BLOCKS = AppendBlobSettings.DEFAULT.withMaxBlocksPerSegment(3);

    private final String domain = uniqueDomain();
    private final AppendBlobEventStore store = new AppendBlobEventStore(client(), "rollover", THREE_BLOCKS);
    private final EventStreams streams = streamsOn(store);
    private final EventStreams otherInstance =
            streamsOn(new AppendBlobEventStore(client(), "rollover", THREE_BLOCKS));

    /** Name, first sequence (metadata), committed blocks and first record's sequence of each segment in storage. */
    record StoredSegment(String name, long firstSequence, int blocks, long firstRecordSequence) {
    }

    private List<StoredSegment> segmentsInStorage(EventStream stream) {
        BlobContainerClient container = client().getBlobContainerClient(store.containerNameFor(stream.id().type()));
        List<StoredSegment> segments = new ArrayList<>();
        for (BlobItem item : container.listBlobs(new ListBlobsOptions()
                .setPrefix(BlobNames.segmentPrefix(BlobNames.encodeKey(stream.id().instanceKey())))
                .setDetails(new BlobListDetails().setRetrieveMetadata(true)), null)) {
            var blob = container.getBlobClient(item.getName());
            String content = blob.downloadContent().toString();
            long firstRecord = content.isEmpty() ? 0
                    : RecordFormat.decode(content.getBytes(StandardCharsets.UTF_8), 0, content.indexOf('\n')).sequence();
            segments.add(new StoredSegment(item.getName().substring(item.getName().lastIndexOf('/') + 1),
                    Long.parseLong(item.getMetadata().get("firstsequence")),
                    blob.getProperties().getCommittedBlockCount(), firstRecord));
        }
        return segments;
    }

    private static List<Integer> numbers(EventStream stream, ReadOptions options) {
        return stream.read(options).stream().map(e -> e.payloadAs(ThingHappened.class).number()).toList();
    }

    @Test
    @DisplayName("appends past a segment's block limit go on in new segments, each knowing its first sequence")
    void rollover() {
        EventStream stream = streams.stream(domain, "Account", "long");
        for (int i = 1; i <= 10; i++) {
            stream.append(new ThingHappened("single", i));
        }
        // One atomic append of five events is one block: it lands whole in one segment.
        stream.append(IntStream.rangeClosed(11, 15).mapToObj(i -> (Object) new ThingHappened("batch", i)).toList(),
                AppendOptions.expectingVersion(10));

        assertThat(segmentsInStorage(stream)).containsExactly(
                new StoredSegment("00000000", 1, 3, 1),
                new StoredSegment("00000001", 4, 3, 4),
                new StoredSegment("00000002", 7, 3, 7),
                new StoredSegment("00000003", 10, 2, 10));
        List<Integer> all = IntStream.rangeClosed(1, 15).boxed().toList();
        assertThat(numbers(stream, ReadOptions.ALL)).isEqualTo(all);
        EventStream cold = otherInstance.stream(stream.id());
        assertThat(cold.version()).isEqualTo(15);
        assertThat(numbers(cold, ReadOptions.ALL)).isEqualTo(all);
        assertThat(numbers(cold, ReadOptions.from(8))).isEqualTo(all.subList(7, 15));
        assertThat(numbers(cold, ReadOptions.from(5).withToSequence(11))).isEqualTo(all.subList(4, 11));
        assertThat(cold.append(new ThingHappened("after", 16), AppendOptions.expectingVersion(15)).firstSequence())
                .isEqualTo(16);
    }

    @Test
    @DisplayName("a process that read a stream of several segments whole appends to it with one request")
    void readAcrossSegmentsThenAppend() {
        EventStream stream = streams.stream(domain, "Account", "read-then-append");
        for (int i = 1; i <= 7; i++) {
            stream.append(new ThingHappened("event", i));
        }
        RequestLog wire = new RequestLog();
        EventStreams readerInstance = streamsOn(new AppendBlobEventStore(client(wire), "rollover", THREE_BLOCKS));
        readerInstance.stream(domain, "Account", "container-check").append(new ThingHappened("once per process", 0));
        EventStream reader = readerInstance.stream(stream.id());
        assertThat(reader.read()).hasSize(7);
        wire.clear();

        reader.append(List.of(new ThingHappened("event", 8)), AppendOptions.expectingVersion(7));

        assertThat(wire.kinds()).containsExactly("PUT appendblock");
        assertThat(numbers(stream, ReadOptions.from(7))).containsExactly(7, 8);
    }

    @Test
    @DisplayName("writers of two instances racing across segment boundaries lose and duplicate nothing")
    void concurrentWritersAcrossBoundaries() throws Exception {
        EventStream stream = streams.stream(domain, "Account", "raced");
        int writers = 4;
        int perWriter = 9;
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                EventStream mine = (w % 2 == 0 ? streams : otherInstance).stream(stream.id());
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perWriter; i++) {
                        String text = writer + ":" + i;
                        if (writer < 2) {
                            mine.append(new ThingHappened(text, i)); // loose: retried inside the store
                        } else {
                            appendAtCurrentVersion(mine, new ThingHappened(text, i));
                        }
                        acknowledged.add(text);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        int total = writers * perWriter;
        List<RecordedEvent> events = streamsOn(new AppendBlobEventStore(client(), "rollover", THREE_BLOCKS))
                .stream(stream.id()).read();
        assertThat(events).extracting(RecordedEvent::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(events).extracting(e -> e.payloadAs(ThingHappened.class).text())
                .containsExactlyInAnyOrderElementsOf(acknowledged);
        List<StoredSegment> segments = segmentsInStorage(stream);
        assertThat(segments).hasSize(total / 3);
        assertThat(segments).allSatisfy(segment -> {
            assertThat(segment.blocks()).isEqualTo(3);
            assertThat(segment.firstRecordSequence()).isEqualTo(segment.firstSequence());
        });
    }

    @Test
    @DisplayName("a writer that knew a full segment does not continue a stream deleted meanwhile, it starts the key afresh")
    void deletedWhileFull() {
        EventStream writer = streams.stream(domain, "Account", "deleted-when-full");
        for (int i = 1; i <= 3; i++) {
            writer.append(new ThingHappened("old", i));
        }
        assertThat(otherInstance.stream(writer.id()).delete()).isTrue();

        AppendResult result = writer.append(new ThingHappened("fresh", 1));

        assertThat(result.streamCreated()).isTrue();
        assertThat(result.firstSequence()).isEqualTo(1);
        assertThat(segmentsInStorage(writer)).as("no orphan segment 1 of the deleted stream")
                .containsExactly(new StoredSegment("00000000", 1, 1, 1));
        assertThat(numbers(otherInstance.stream(writer.id()), ReadOptions.ALL)).containsExactly(1);
    }

    @Test
    @DisplayName("a delete at a segment boundary takes the next segment's place, so a writer about to go on there fails")
    void deleteTakesTheNextSegment() {
        EventStream writer = streams.stream(domain, "Account", "boundary-delete");
        for (int i = 1; i <= 3; i++) {
            writer.append(new ThingHappened("old", i));
        }
        StorageFaults faults = new StorageFaults();
        AtomicBoolean marked = new AtomicBoolean();
        faults.inject(request -> {
            if (marked.get()) {
                return StorageFaults.Fault.FAIL_BEFORE_SENDING; // crash right after the mark
            }
            marked.set(RequestLog.kind(request).equals("PUT create"));
            return StorageFaults.Fault.NONE;
        });
        EventStream deleter = streamsOn(new AppendBlobEventStore(client(faults), "rollover", THREE_BLOCKS))
                .stream(writer.id());
        assertThatThrownBy(deleter::delete).isInstanceOf(BackendUnavailableException.class);
        assertThat(segmentsInStorage(writer)).extracting(StoredSegment::name).containsExactly("00000000", "00000001");

        assertThatThrownBy(() -> writer.append(List.of(new ThingHappened("late", 4)), AppendOptions.expectingVersion(3)))
                .isInstanceOfSatisfying(ConcurrencyConflictException.class, e -> assertThat(e.actualVersion()).isZero());
        assertThat(writer.exists()).isFalse();
        assertThat(writer.append(new ThingHappened("fresh", 1)).streamCreated()).isTrue();
        assertThat(numbers(writer, ReadOptions.ALL)).containsExactly(1);
    }

    @Test
    @DisplayName("a segment another life of the stream left where the next segment belongs is removed, not continued")
    void orphanAtTheBoundary() {
        EventStream stream = streams.stream(domain, "Account", "orphaned");
        for (int i = 1; i <= 3; i++) {
            stream.append(new ThingHappened("event", i));
        }
        // What a writer of a deleted earlier life leaves when it crashes right after creating its next segment.
        BlobContainerClient container = client().getBlobContainerClient(store.containerNameFor(stream.id().type()));
        container.getBlobClient("streams/orphaned/00000001").getAppendBlobClient().createWithResponse(
                new com.azure.storage.blob.options.AppendBlobCreateOptions()
                        .setMetadata(new SegmentMetadata(RandomIds.incarnation(), 4, null).toMap()), null, null);

        EventStream cold = otherInstance.stream(stream.id());
        assertThat(cold.version()).isEqualTo(3);
        assertThat(cold.append(List.of(new ThingHappened("event", 4)), AppendOptions.expectingVersion(3)).firstSequence())
                .isEqualTo(4);

        assertThat(numbers(streams.stream(stream.id()), ReadOptions.ALL)).containsExactly(1, 2, 3, 4);
        assertThat(segmentsInStorage(stream)).containsExactly(new StoredSegment("00000000", 1, 3, 1),
                new StoredSegment("00000001", 4, 1, 4));
    }

    @Test
    @DisplayName("an orphan of another life above the active segment is ignored by reads from a later sequence and by the change feed")
    void orphanAboveTheActiveSegment() {
        EventStream stream = streams.stream(domain, "Account", "orphan-above");
        // Two blocks of four events: segment 0 is not full, yet holds sequences an orphan's metadata claims.
        stream.append(IntStream.rangeClosed(1, 4).mapToObj(i -> (Object) new ThingHappened("event", i)).toList(),
                AppendOptions.expectingVersion(0));
        stream.append(IntStream.rangeClosed(5, 8).mapToObj(i -> (Object) new ThingHappened("event", i)).toList(),
                AppendOptions.expectingVersion(4));
        // What a writer of an earlier life (three full blocks of one event) leaves when it crashes right after
        // creating segment 1 for sequence 4, once that life was deleted.
        createOrphan(stream, 1, 4);
        PendingChanges firstHalf = freshFeed().read(stream.id(), 4);
        freshFeed().markPublished(firstHalf, 4);

        EventStream cold = streamsOn(new AppendBlobEventStore(client(), "rollover", THREE_BLOCKS)).stream(stream.id());
        assertThat(numbers(cold, ReadOptions.from(5))).containsExactly(5, 6, 7, 8);

        ChangeFeed feed = freshFeed();
        assertThat(pending(feed)).contains(stream.id());
        PendingChanges rest = feed.read(stream.id(), 100);
        assertThat(rest.current().generation()).isEqualTo(firstHalf.current().generation());
        assertThat(rest.events()).extracting(StoredEvent::sequence).containsExactly(5L, 6L, 7L, 8L);
        feed.markPublished(rest, 8);
        assertThat(pending(freshFeed())).as("published up to the active segment's end").doesNotContain(stream.id());
    }

    @Test
    @DisplayName("a read under way when the stream is deleted and created anew ends with the old stream's events, "
            + "never goes on with the new one's")
    void readAcrossADeleteAndRecreate() {
        EventStream stream = streams.stream(domain, "Account", "re-created-while-read");
        for (int i = 1; i <= 9; i++) {
            stream.append(new ThingHappened("old", i)); // one block each: three full segments
        }
        String secondSegment = "/" + BlobNames.segment(BlobNames.encodeKey(stream.id().instanceKey()), 1);
        EventStream other = otherInstance.stream(stream.id());
        AtomicBoolean recreated = new AtomicBoolean();
        HttpPipelinePolicy recreateBeforeSecondSegment = new HttpPipelinePolicy() {
            @Override
            public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
                recreateOnce(context);
                return next.processSync();
            }

            @Override
            public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
                return Mono.fromRunnable(() -> recreateOnce(context)).subscribeOn(Schedulers.boundedElastic())
                        .then(next.process());
            }

            private void recreateOnce(HttpPipelineCallContext context) {
                if (context.getHttpRequest().getHttpMethod() == HttpMethod.GET
                        // The SDK sends the blob name's slashes encoded.
                        && context.getHttpRequest().getUrl().getPath().replace("%2F", "/").endsWith(secondSegment)
                        && recreated.compareAndSet(false, true)) {
                    assertThat(other.delete()).isTrue();
                    for (int i = 1; i <= 9; i++) {
                        other.append(new ThingHappened("new", i));
                    }
                }
            }
        };
        EventStream reader = streamsOn(new AppendBlobEventStore(client(recreateBeforeSecondSegment), "rollover",
                THREE_BLOCKS)).stream(stream.id());

        List<RecordedEvent> read = reader.read();

        assertThat(recreated).as("the stream was re-created during the read").isTrue();
        assertThat(read).extracting(event -> event.payloadAs(ThingHappened.class).text()).containsOnly("old");
        assertThat(read).extracting(RecordedEvent::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, read.size()).boxed().toList());
        assertThat(reader.read()).as("read again: the new stream alone")
                .extracting(event -> event.payloadAs(ThingHappened.class).text()).hasSize(9).containsOnly("new");
    }

    /** A feed of another instance, which knows nothing of the streams, so its reads list the segments. */
    private static ChangeFeed freshFeed() {
        return new AppendBlobEventStore(client(), "rollover", THREE_BLOCKS).changeFeed().orElseThrow();
    }

    private static List<StreamId> pending(ChangeFeed feed) {
        List<StreamId> found = new ArrayList<>();
        feed.forEachPendingStream(null, found::add);
        return found;
    }

    /** A segment of another incarnation at that index, as a crashed writer of a deleted earlier life leaves it. */
    private void createOrphan(EventStream stream, int index, long firstSequence) {
        BlobContainerClient container = client().getBlobContainerClient(store.containerNameFor(stream.id().type()));
        container.getBlobClient(BlobNames.segment(BlobNames.encodeKey(stream.id().instanceKey()), index))
                .getAppendBlobClient().createWithResponse(new AppendBlobCreateOptions()
                        .setMetadata(new SegmentMetadata(RandomIds.incarnation(), firstSequence, null).toMap()),
                        null, null);
    }

    private static void appendAtCurrentVersion(EventStream stream, Object event) {
        while (true) {
            try {
                stream.append(List.of(event), AppendOptions.expectingVersion(stream.version()));
                return;
            } catch (ConcurrencyConflictException someoneElseWon) {
                // read the version again and retry
            }
        }
    }
}
