package io.github.eventsourcing.azure.blob.internal;

import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.ReadOptions;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.client;
import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.streamsOn;
import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.uniqueDomain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Reads of a stream of 30 events in 10 segments (3 blocks each), with ranged reads of 300 bytes, so that records
 * (about 200 bytes each) are cut by chunk ends and a read crosses many segments.
 */
@Timeout(60)
@DisplayName("AppendBlob: reading long streams with ranged reads")
class AppendBlobRangedReadTest {

    private static final int CHUNK = 300;
    private static final AppendBlobSettings SMALL = AppendBlobSettings.DEFAULT.withMaxBlocksPerSegment(3)
            .withDownloadChunkBytes(CHUNK);
    private static final int EVENTS = 30;

    private final String domain = uniqueDomain();
    private final RequestLog wire = new RequestLog();
    private final EventStreams reader = streamsOn(new AppendBlobEventStore(client(wire), "ranged", SMALL));
    private EventStream written;

    @BeforeEach
    void writeLongStream() {
        written = streamsOn(new AppendBlobEventStore(client(), "ranged", SMALL)).stream(domain, "Account", "long");
        for (int i = 1; i <= EVENTS; i++) {
            written.append(new ThingHappened(text(i), i));
        }
        wire.clear();
    }

    private static String text(int i) {
        return "event " + i + " " + "·".repeat(40);
    }

    private long lengthOfSegment(int index) {
        return new StreamBlobs(client().getBlobContainerClient(containerName()), BlobNames.encodeKey("long"))
                .properties(index).orElseThrow().length();
    }

    private String containerName() {
        return ContainerNames.nameOf("ranged", written.id().type());
    }

    private static String segmentOf(RequestLog.Request request) {
        return request.blobPath().substring(request.blobPath().lastIndexOf('/') + 1);
    }

    @Test
    @DisplayName("a read from a late sequence lists the segments and downloads only the one holding it")
    void lateSequenceSkipsEarlySegments() {
        List<RecordedEvent> events = reader.stream(written.id()).read(ReadOptions.from(28));

        assertThat(events).extracting(RecordedEvent::sequence).containsExactly(28L, 29L, 30L);
        assertThat(wire.requests().get(0).kind()).isEqualTo("GET list");
        List<RequestLog.Request> downloads = wire.requests().stream().filter(r -> r.kind().equals("GET blob")).toList();
        assertThat(downloads).isNotEmpty().allSatisfy(r -> assertThat(segmentOf(r)).isEqualTo("00000009"));
        long downloaded = downloads.stream().mapToLong(RequestLog.Request::responseBytes).sum();
        assertThat(downloaded).as("bytes of the last segment, no more").isEqualTo(lengthOfSegment(9));
    }

    @Test
    @DisplayName("a read from the start goes through every segment in chunks, and records cut by chunk ends read whole")
    void fullReadInChunks() {
        List<RecordedEvent> events = reader.stream(written.id()).read();

        assertThat(events).extracting(RecordedEvent::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, EVENTS).boxed().toList());
        assertThat(events).extracting(e -> e.payloadAs(ThingHappened.class).text())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, EVENTS).mapToObj(AppendBlobRangedReadTest::text).toList());
        List<RequestLog.Request> downloads = wire.requests().stream().filter(r -> r.kind().equals("GET blob")).toList();
        assertThat(downloads).allSatisfy(r -> assertThat(r.responseBytes()).isLessThanOrEqualTo(CHUNK));
        assertThat(downloads.stream().map(AppendBlobRangedReadTest::segmentOf).distinct()).hasSize(10);
    }

    @Test
    @DisplayName("a read that stops early downloads no further than it needs")
    void stopsEarly() {
        List<RecordedEvent> events = reader.stream(written.id()).read(ReadOptions.from(4).withToSequence(5));

        assertThat(events).extracting(RecordedEvent::sequence).containsExactly(4L, 5L);
        assertThat(wire.requests().stream().filter(r -> r.kind().equals("GET blob")).map(AppendBlobRangedReadTest::segmentOf))
                .containsOnly("00000001");
    }

    @Test
    @DisplayName("a ranged read that starts exactly at the end is an empty chunk, whether answered 206 (Azurite) or 416 (Azure)")
    void readAtTheEnd() {
        RequestLog azureWire = new RequestLog();
        for (boolean azure : List.of(false, true)) {
            // The log outside the policy sees the answer as the SDK does.
            var client = azure ? client(azureWire, new AzureLikeEndOfBlob()) : client();
            StreamBlobs blobs = new StreamBlobs(client.getBlobContainerClient(containerName()), BlobNames.encodeKey("long"));
            long length = blobs.properties(9).orElseThrow().length();

            StreamBlobs.Chunk chunk = blobs.download(9, length, CHUNK).orElseThrow();

            assertThat(chunk.length()).as(azure ? "Azure" : "Azurite").isZero();
            assertThat(chunk.facts().length()).isEqualTo(length);
            assertThat(chunk.facts().eTag()).isNotBlank();
            assertThat(chunk.facts().metadata().firstSequence()).isEqualTo(28);
        }
        assertThat(azureWire.requests()).extracting(RequestLog.Request::kind, RequestLog.Request::status)
                .containsExactly(tuple("HEAD blob", 200), tuple("GET blob", 416), tuple("HEAD blob", 200));
    }

    @Test
    @DisplayName("the store reads, catches up and appends the same when the service answers 416 at the end of a blob")
    void storeOnAzureLikeService() {
        EventStreams azure = streamsOn(new AppendBlobEventStore(client(new AzureLikeEndOfBlob()), "ranged", SMALL));
        EventStream stream = azure.stream(written.id());

        assertThat(stream.version()).isEqualTo(EVENTS);
        written.append(new ThingHappened("more", 31));
        assertThat(stream.version()).isEqualTo(31);
        stream.append(List.of(new ThingHappened("azure", 32)), AppendOptions.expectingVersion(31));
        assertThat(stream.read(ReadOptions.from(30))).extracting(RecordedEvent::sequence).containsExactly(30L, 31L, 32L);
        assertThat(azure.stream(domain, "Account", "fresh").read()).isEmpty();
    }
}
