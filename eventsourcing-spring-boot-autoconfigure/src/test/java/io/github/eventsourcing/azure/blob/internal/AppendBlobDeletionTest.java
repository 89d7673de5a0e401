package io.github.eventsourcing.azure.blob.internal;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventsourcing.azure.blob.internal.StorageFaults.Fault;
import io.github.eventsourcing.azure.spi.ChangeFeed;
import io.github.eventsourcing.azure.spi.PendingChanges;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.BackendUnavailableException;
import io.github.eventsourcing.azure.stream.ConcurrencyConflictException;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.NewEvent;
import io.github.eventsourcing.azure.stream.ReadOptions;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.StreamNotFoundException;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.client;
import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.streamsOn;
import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.uniqueDomain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Deletions cut short by a crash (simulated by a storage connection that fails from some request on), and the
 * calls that finish them. Streams span three segments (3 blocks each), so there is something left to finish.
 */
@Timeout(60)
@DisplayName("AppendBlob: deleting a stream")
class AppendBlobDeletionTest {

    private static final AppendBlobSettings THREE_BLOCKS = AppendBlobSettings.DEFAULT.withMaxBlocksPerSegment(3);

    private final String domain = uniqueDomain();
    private final StorageFaults faults = new StorageFaults();
    private final AppendBlobEventStore crashing = new AppendBlobEventStore(client(faults), "deletion", THREE_BLOCKS);
    private final EventStreams healthy = streamsOn(new AppendBlobEventStore(client(), "deletion", THREE_BLOCKS));
    private EventStream stream;
    private BlobContainerClient container;

    @BeforeEach
    void writeStreamOfThreeSegments() {
        stream = streamsOn(crashing).stream(domain, "Account", "doomed");
        for (int i = 1; i <= 8; i++) {
            stream.append(List.of(NewEvent.of(new ThingHappened("old", i), "old-" + i)), AppendOptions.DEFAULT);
        }
        container = client().getBlobContainerClient(crashing.containerNameFor(stream.id().type()));
        assertThat(segmentsLeft()).hasSize(3);
    }

    /** Segment name (last part) to whether it carries the deletion mark. */
    private Map<String, Boolean> segmentsLeft() {
        Map<String, Boolean> segments = new java.util.TreeMap<>();
        for (BlobItem item : container.listBlobs(new ListBlobsOptions().setPrefix("streams/doomed/")
                .setDetails(new BlobListDetails().setRetrieveMetadata(true)), null)) {
            segments.put(item.getName().substring(item.getName().lastIndexOf('/') + 1),
                    item.getMetadata().containsKey("deletionid"));
        }
        return segments;
    }

    private List<JsonNode> tombstones() throws Exception {
        List<JsonNode> tombstones = new ArrayList<>();
        for (BlobItem item : container.listBlobs(new ListBlobsOptions().setPrefix("deletions/"), null)) {
            tombstones.add(new ObjectMapper().readTree(container.getBlobClient(item.getName()).downloadContent().toBytes()));
        }
        return tombstones;
    }

    private void crashAfterTheFirst(String requestKind) {
        AtomicBoolean passed = new AtomicBoolean();
        faults.inject(request -> {
            if (passed.get()) {
                return Fault.FAIL_BEFORE_SENDING;
            }
            passed.set(RequestLog.kind(request).equals(requestKind));
            return Fault.NONE;
        });
    }

    private void assertDeletedFor(EventStream view) {
        assertThat(view.exists()).isFalse();
        assertThat(view.version()).isZero();
        assertThat(view.read()).isEmpty();
        assertThat(view.read(ReadOptions.from(5))).isEmpty();
        assertThat(healthy.instanceKeys(domain, "Account")).doesNotContain("doomed");
        assertThatThrownBy(() -> view.append(new ThingHappened("late", 9), AppendOptions.expectingVersion(8)))
                .isInstanceOf(ConcurrencyConflictException.class);
        assertThatThrownBy(() -> view.append(new ThingHappened("late", 9), AppendOptions.mustExist()))
                .isInstanceOf(StreamNotFoundException.class);
    }

    @Test
    @DisplayName("a delete completes: segments removed, a tombstone left with what a notification needs")
    void completeDeletion() throws Exception {
        assertThat(stream.delete()).isTrue();

        assertThat(segmentsLeft()).isEmpty();
        assertThat(tombstones()).singleElement().satisfies(tombstone -> {
            assertThat(tombstone.get("domain").asText()).isEqualTo(domain);
            assertThat(tombstone.get("entityType").asText()).isEqualTo("Account");
            assertThat(tombstone.get("instanceKey").asText()).isEqualTo("doomed");
            assertThat(tombstone.get("version").asLong()).isEqualTo(8);
            assertThat(tombstone.get("deletedAt").asText()).isNotBlank();
        });
        assertDeletedFor(healthy.stream(stream.id()));
    }

    @Test
    @DisplayName("once the mark is set the stream is deleted for everyone, and the next delete finishes the removal")
    void crashRightAfterTheMark() throws Exception {
        crashAfterTheFirst("PUT metadata");

        assertThatThrownBy(stream::delete).isInstanceOf(BackendUnavailableException.class);

        assertThat(segmentsLeft()).as("only the active segment is marked").containsExactly(
                Map.entry("00000000", false), Map.entry("00000001", false), Map.entry("00000002", true));
        EventStream elsewhere = healthy.stream(stream.id());
        assertDeletedFor(elsewhere);

        assertThat(elsewhere.delete()).as("it was deleted already").isFalse();
        assertThat(segmentsLeft()).isEmpty();
        assertThat(tombstones()).singleElement()
                .satisfies(tombstone -> assertThat(tombstone.get("version").asLong()).isEqualTo(8));
    }

    @Test
    @DisplayName("a removal cut short is finished by the next append, which starts the key afresh without old events or ids")
    void crashWhileRemovingThenRecreate() throws Exception {
        AtomicInteger deletes = new AtomicInteger();
        faults.inject(request -> RequestLog.kind(request).equals("DELETE blob") && deletes.incrementAndGet() > 1
                ? Fault.FAIL_BEFORE_SENDING : Fault.NONE);

        assertThatThrownBy(stream::delete).isInstanceOf(BackendUnavailableException.class);
        assertThat(segmentsLeft()).as("the highest segment removed, the rest marked").containsExactly(
                Map.entry("00000000", true), Map.entry("00000001", true));
        EventStream elsewhere = healthy.stream(stream.id());
        assertDeletedFor(elsewhere);

        AppendResult recreated = elsewhere.append(List.of(NewEvent.of(new ThingHappened("new", 1), "old-1")),
                AppendOptions.DEFAULT);

        assertThat(recreated.streamCreated()).isTrue();
        assertThat(recreated.alreadyApplied()).as("an old event id is a new event in the new stream").isFalse();
        assertThat(recreated.firstSequence()).isEqualTo(1);
        assertThat(segmentsLeft()).containsExactly(Map.entry("00000000", false));
        assertThat(elsewhere.read()).extracting(e -> e.payloadAs(ThingHappened.class).text()).containsExactly("new");
        faults.heal();
        assertThat(stream.read()).extracting(e -> e.payloadAs(ThingHappened.class).text()).containsExactly("new");
        assertThat(tombstones()).hasSize(1);
        assertThat(healthy.instanceKeys(domain, "Account")).containsExactly("doomed");
    }

    /** What stops a delete between its mark and its tombstone. */
    enum Interruption {
        CRASH_AFTER_THE_MARK, TOMBSTONE_WRITE_FAILS
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Interruption.class)
    @DisplayName("a delete cut short between its mark and its tombstone is still announced, once, by the change feed")
    void cutShortBeforeTheTombstone(Interruption interruption) throws Exception {
        String incarnation = container.getBlobClient("streams/doomed/00000000").getProperties().getMetadata()
                .get("incarnation");
        switch (interruption) {
            case CRASH_AFTER_THE_MARK -> crashAfterTheFirst("PUT metadata");
            case TOMBSTONE_WRITE_FAILS -> faults.inject(request ->
                    RequestLog.path(request).contains("/deletions/") ? Fault.FAIL_BEFORE_SENDING : Fault.NONE);
        }
        assertThatThrownBy(stream::delete).isInstanceOf(BackendUnavailableException.class);
        assertThat(tombstones()).as("no tombstone was written").isEmpty();
        Instant markedAt = Instant.parse(container.getBlobClient("streams/doomed/00000002").getProperties()
                .getMetadata().get("deletedat"));
        ChangeFeed feed = new AppendBlobEventStore(client(), "deletion", THREE_BLOCKS).changeFeed().orElseThrow();
        ChangeFeed otherFeed = new AppendBlobEventStore(client(), "deletion", THREE_BLOCKS).changeFeed().orElseThrow();

        assertThat(pending(feed)).contains(stream.id());
        PendingChanges changes = feed.read(stream.id(), 100);
        PendingChanges readElsewhere = otherFeed.read(stream.id(), 100);

        // The tombstone a completed delete writes: named by the stream's incarnation, from which the notification id
        // derives, so both dispatchers announce the deletion under the same id.
        for (PendingChanges read : List.of(changes, readElsewhere)) {
            assertThat(read.current()).isNull();
            assertThat(read.events()).isEmpty();
            assertThat(read.deletions()).containsExactly(new PendingChanges.Deletion(incarnation, 8, markedAt));
        }
        assertThat(tombstones()).hasSize(1);
        assertThat(segmentsLeft()).as("the deletion was finished").isEmpty();

        feed.markPublished(changes, 0);

        assertThat(pending(feed)).doesNotContain(stream.id());
        assertThat(feed.read(stream.id(), 100).isEmpty()).isTrue();
        assertThat(tombstones()).isEmpty();
    }

    private static Set<StreamId> pending(ChangeFeed feed) {
        Set<StreamId> found = new HashSet<>();
        feed.forEachPendingStream(null, found::add);
        return found;
    }
}
