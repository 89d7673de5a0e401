package io.github.eventsourcing.azure.blob.internal;

import com.azure.storage.blob.BlobContainerClient;
import io.github.eventsourcing.azure.blob.internal.StorageFaults.Fault;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.BackendUnavailableException;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamAlreadyExistsException;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.client;
import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.streamsOn;
import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.uniqueDomain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A first append that crashed between creating the first segment and appending to it leaves an empty blob. */
@Timeout(60)
@DisplayName("AppendBlob: an empty first segment left by a crashed first append")
class AppendBlobEmptySegmentTest {

    private final String domain = uniqueDomain();
    private final StorageFaults faults = new StorageFaults();
    private final EventStreams crashing = streamsOn(new AppendBlobEventStore(client(faults), "empty"));
    private final EventStreams healthy = streamsOn(new AppendBlobEventStore(client(), "empty"));
    private final EventStreams healthyToo = streamsOn(new AppendBlobEventStore(client(), "empty"));

    /** Creates the stream's first segment, then "crashes" before the block is appended. */
    private EventStream leaveEmptySegment(String key) {
        EventStream stream = crashing.stream(domain, "Account", key);
        faults.inject(request -> RequestLog.kind(request).equals("PUT appendblock")
                ? Fault.FAIL_BEFORE_SENDING : Fault.NONE);
        assertThatThrownBy(() -> stream.append(List.of(new ThingHappened("lost", 0)), AppendOptions.mustBeNew()))
                .isInstanceOf(BackendUnavailableException.class);
        faults.heal();
        BlobContainerClient container = client().getBlobContainerClient(
                new AppendBlobEventStore(client(), "empty").containerNameFor(stream.id().type()));
        assertThat(container.getBlobClient("streams/" + key + "/00000000").getProperties().getBlobSize())
                .as("the crash left an empty first segment").isZero();
        return healthy.stream(stream.id());
    }

    @Test
    @DisplayName("is not a stream: it does not exist, reads empty and is not listed")
    void notAStream() {
        EventStream stream = leaveEmptySegment("empty-1");

        assertThat(stream.exists()).isFalse();
        assertThat(stream.version()).isZero();
        assertThat(stream.read()).isEmpty();
        assertThat(healthy.instanceKeys(domain, "Account")).isEmpty();
    }

    @Test
    @DisplayName("does not stop a later must-be-new append from creating the stream")
    void mustBeNewStillCreates() {
        EventStream stream = leaveEmptySegment("empty-2");

        AppendResult result = stream.append(List.of(new ThingHappened("opened", 1)), AppendOptions.mustBeNew());

        assertThat(result.streamCreated()).isTrue();
        assertThat(result.firstSequence()).isEqualTo(1);
        assertThat(healthyToo.stream(stream.id()).read()).extracting(e -> e.payloadAs(ThingHappened.class).number())
                .containsExactly(1);
        assertThatThrownBy(() -> stream.append(List.of(new ThingHappened("again", 2)), AppendOptions.mustBeNew()))
                .isInstanceOf(StreamAlreadyExistsException.class);
    }

    @Test
    @DisplayName("of two instances creating the stream on it at once, exactly one succeeds")
    void concurrentCreationOnEmptySegment() throws Exception {
        for (int round = 0; round < 3; round++) {
            EventStream mine = leaveEmptySegment("empty-race-" + round);
            EventStream theirs = healthyToo.stream(mine.id());
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Boolean>> created = new ArrayList<>();
                for (EventStream writer : List.of(mine, theirs)) {
                    created.add(pool.submit(() -> {
                        start.await();
                        try {
                            writer.append(List.of(new ThingHappened("creator", 1)), AppendOptions.mustBeNew());
                            return true;
                        } catch (StreamAlreadyExistsException lost) {
                            return false;
                        }
                    }));
                }
                start.countDown();
                assertThat(List.of(created.get(0).get(), created.get(1).get())).containsExactlyInAnyOrder(true, false);
            } finally {
                pool.shutdownNow();
            }
            assertThat(mine.read()).hasSize(1);
        }
    }

    @Test
    @DisplayName("deleting it reports no stream and removes the blob")
    void deleteRemovesIt() {
        EventStream stream = leaveEmptySegment("empty-3");

        assertThat(stream.delete()).isFalse();

        BlobContainerClient container = client().getBlobContainerClient(
                new AppendBlobEventStore(client(), "empty").containerNameFor(stream.id().type()));
        assertThat(container.getBlobClient("streams/empty-3/00000000").exists()).isFalse();
    }
}
