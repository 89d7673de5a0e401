package io.github.eventsourcing.azure.blob.internal;

import com.azure.storage.blob.BlobServiceClient;
import io.github.eventsourcing.azure.spi.ChangeFeed;
import io.github.eventsourcing.azure.spi.PendingChanges;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the AppendBlob change feed does beyond the contract: segments, name order, markers of deleted streams. */
@DisplayName("AppendBlob change feed")
class AppendBlobChangeFeedTest {

    private final BlobServiceClient client = AppendBlobTestClients.client();

    @Test
    @DisplayName("an append that opens a new segment makes the stream pending again, and is read from there")
    void newSegment() {
        AppendBlobEventStore store = new AppendBlobEventStore(client, "feedseg",
                AppendBlobSettings.DEFAULT.withMaxBlocksPerSegment(2));
        ChangeFeed feed = store.changeFeed().orElseThrow();
        EventStream stream = AppendBlobTestClients.streamsOn(store)
                .stream(AppendBlobTestClients.uniqueDomain(), "Account", "rolling");
        stream.append(new ThingHappened("one", 1));
        stream.append(new ThingHappened("two", 2));
        feed.markPublished(feed.read(stream.id(), 100), 2);
        assertThat(pending(feed)).doesNotContain(stream.id());

        stream.append(new ThingHappened("three", 3)); // the first segment is full: this one goes into the next

        assertThat(pending(feed)).contains(stream.id());
        PendingChanges changes = feed.read(stream.id(), 100);
        assertThat(changes.events()).extracting(StoredEvent::sequence).containsExactly(3L);
        feed.markPublished(changes, 3);
        assertThat(pending(feed)).doesNotContain(stream.id());
    }

    @Test
    @DisplayName("a poll pairs every stream with its own marker, whatever the keys' order in blob names")
    void pollMatchesKeysAcrossListings() {
        AppendBlobEventStore store = new AppendBlobEventStore(client, "feedkeys");
        ChangeFeed feed = store.changeFeed().orElseThrow();
        EventStreams streams = AppendBlobTestClients.streamsOn(store);
        String domain = AppendBlobTestClients.uniqueDomain();
        // "ab" sorts before "ab-c" as a key, but "ab/..." after "ab-c/..." as a blob name; non-ASCII after ASCII.
        List<String> keys = List.of("ab", "ab-c", "ab_", "a", "Zoë", "zz", "ab c", "日本");
        List<StreamId> published = new ArrayList<>();
        List<StreamId> unpublished = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            EventStream stream = streams.stream(domain, "Account", keys.get(i));
            stream.append(List.of(new ThingHappened(keys.get(i), i)), AppendOptions.DEFAULT);
            if (i % 2 == 0) {
                feed.markPublished(feed.read(stream.id(), 100), 1);
                published.add(stream.id());
            } else {
                unpublished.add(stream.id());
            }
        }

        List<StreamId> pending = pending(feed).stream().filter(id -> id.domain().equals(domain)).toList();

        assertThat(pending).containsExactlyInAnyOrderElementsOf(unpublished);
        assertThat(pending).doesNotContainAnyElementsOf(published);
    }

    @Test
    @DisplayName("once a deletion is published, neither its tombstone nor the stream's marker is left")
    void deletedStreamLeavesNothing() {
        AppendBlobEventStore store = new AppendBlobEventStore(client, "feeddel");
        ChangeFeed feed = store.changeFeed().orElseThrow();
        EventStream stream = AppendBlobTestClients.streamsOn(store)
                .stream(AppendBlobTestClients.uniqueDomain(), "Account", "gone");
        stream.append(new ThingHappened("one", 1));
        feed.markPublished(feed.read(stream.id(), 100), 1);
        String container = store.containerNameFor(stream.id().type());

        stream.delete();
        feed.markPublished(feed.read(stream.id(), 100), 0);

        List<String> names = new ArrayList<>();
        client.getBlobContainerClient(container).listBlobs().forEach(item -> names.add(item.getName()));
        assertThat(names).noneMatch(name -> name.startsWith(PublishedMarker.PUBLISHED))
                .noneMatch(name -> name.startsWith(BlobNames.DELETIONS));
        assertThat(pending(feed)).doesNotContain(stream.id());
    }

    private static List<StreamId> pending(ChangeFeed feed) {
        List<StreamId> found = new ArrayList<>();
        feed.forEachPendingStream(null, found::add);
        return found;
    }
}
