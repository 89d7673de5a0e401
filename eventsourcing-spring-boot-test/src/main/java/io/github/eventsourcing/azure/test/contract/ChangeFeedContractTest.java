package io.github.eventsourcing.azure.test.contract;

import io.github.eventsourcing.azure.spi.ChangeFeed;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.spi.PendingChanges;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.EventStoreLimits;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.stream.internal.DefaultEventStreams;
import io.github.eventsourcing.azure.stream.internal.EventSerializer;
import io.github.eventsourcing.azure.stream.internal.EventTypeRegistry;
import io.github.eventsourcing.azure.stream.internal.StorageObjectMapper;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every durable backend's {@link ChangeFeed} passes: the record of unpublished notifications that its
 * writes leave. A backend's test extends it as {@code <Backend>ChangeFeedContractTest}. Writes go through the public
 * {@link EventStreams} API on the backend's store; each test uses streams of its own.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class ChangeFeedContractTest {

    /** The store under test; it must offer a {@link EventStore#changeFeed()}. Called once per test; may return one instance. */
    protected abstract EventStore store();

    /** Another instance on the same storage, as a restarted or second application instance would open it. */
    protected abstract EventStore anotherInstanceOnSameStorage();

    private EventStreams streams;
    private ChangeFeed feed;
    private String domain;

    @BeforeEach
    void open() {
        streams = new DefaultEventStreams(EventStoreRouter.single(store()), new EventSerializer(
                StorageObjectMapper.create(), new EventTypeRegistry(List.of(ThingHappened.class), List.of())),
                EventStoreLimits.DEFAULT, Clock.systemUTC(), List.of());
        feed = feedOf(store());
        domain = "F" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static ChangeFeed feedOf(EventStore store) {
        assertThat(store.changeFeed()).as("a durable store offers a change feed").isPresent();
        return store.changeFeed().orElseThrow();
    }

    private EventStream newStream() {
        return streams.stream(domain, "Account", "k-" + UUID.randomUUID());
    }

    private static List<Object> things(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> (Object) new ThingHappened("event " + i, i)).toList();
    }

    private List<StreamId> pending(ChangeFeed feed, Instant changedBefore) {
        List<StreamId> found = new ArrayList<>();
        feed.forEachPendingStream(changedBefore, found::add);
        return found;
    }

    @Test
    @DisplayName("an append leaves its stream pending, with its creation and its events unpublished")
    void appendLeavesStreamPending() {
        EventStream stream = newStream();
        WriteContext context = WriteContext.EMPTY.withWho("ann").withCorrelationId("corr-1")
                .withTraceParent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        stream.append(things(1, 2), AppendOptions.DEFAULT.withContext(context));

        PendingChanges changes = feed.read(stream.id(), 100);
        assertThat(changes.streamId()).isEqualTo(stream.id());
        assertThat(changes.deletions()).isEmpty();
        assertThat(changes.current()).isNotNull();
        assertThat(changes.current().version()).isEqualTo(2);
        assertThat(changes.publishedVersion()).isZero();
        assertThat(changes.creationUnpublished()).isTrue();
        assertThat(changes.events()).extracting(StoredEvent::sequence).containsExactly(1L, 2L);
        StoredEvent first = changes.events().get(0);
        assertThat(first.eventName()).isEqualTo("Thing Happened");
        assertThat(first.context()).isEqualTo(context);
        assertThat(new String(first.data(), StandardCharsets.UTF_8)).isEqualTo("{\"number\":1,\"text\":\"event 1\"}");
        assertThat(pending(feed, null)).contains(stream.id());
    }

    @Test
    @DisplayName("the generation of an incarnation stays the same from read to read")
    void generationIsStable() {
        EventStream stream = newStream();
        stream.append(things(1, 1), AppendOptions.DEFAULT);
        String generation = feed.read(stream.id(), 10).current().generation();

        stream.append(things(2, 3), AppendOptions.DEFAULT);

        assertThat(feed.read(stream.id(), 10).current().generation()).isEqualTo(generation);
        assertThat(feedOf(anotherInstanceOnSameStorage()).read(stream.id(), 10).current().generation())
                .isEqualTo(generation);
    }

    @Test
    @DisplayName("marking everything published clears the pending state, for every instance")
    void markClearsPending() {
        EventStream stream = newStream();
        stream.append(things(1, 2), AppendOptions.DEFAULT);

        PendingChanges changes = feed.read(stream.id(), 100);
        feed.markPublished(changes, 2);

        PendingChanges after = feed.read(stream.id(), 100);
        assertThat(after.isEmpty()).isTrue();
        assertThat(after.publishedVersion()).isEqualTo(2);
        assertThat(after.creationUnpublished()).isFalse();
        assertThat(pending(feed, null)).doesNotContain(stream.id());
        assertThat(pending(feedOf(anotherInstanceOnSameStorage()), null)).doesNotContain(stream.id());
    }

    @Test
    @DisplayName("a write after the read keeps the stream pending: a mark covers only what was read")
    void writeAfterReadStaysPending() {
        EventStream stream = newStream();
        stream.append(things(1, 2), AppendOptions.DEFAULT);
        PendingChanges changes = feed.read(stream.id(), 100);

        stream.append(things(3, 3), AppendOptions.DEFAULT);
        feed.markPublished(changes, 2);

        PendingChanges after = feed.read(stream.id(), 100);
        assertThat(after.publishedVersion()).isEqualTo(2);
        assertThat(after.events()).extracting(StoredEvent::sequence).containsExactly(3L);
        assertThat(pending(feed, null)).contains(stream.id());
    }

    @Test
    @DisplayName("a mark never goes back, and never claims events that do not exist")
    void marksAreMonotonic() {
        EventStream stream = newStream();
        stream.append(things(1, 3), AppendOptions.DEFAULT);
        PendingChanges first = feed.read(stream.id(), 100);
        feed.markPublished(first, 3);

        feed.markPublished(first, 1);
        assertThat(feed.read(stream.id(), 100).publishedVersion()).isEqualTo(3);

        feed.markPublished(feed.read(stream.id(), 100), 99);
        assertThat(feed.read(stream.id(), 100).publishedVersion()).isEqualTo(3);
        stream.append(things(4, 4), AppendOptions.DEFAULT);
        assertThat(feed.read(stream.id(), 100).events()).extracting(StoredEvent::sequence).containsExactly(4L);
    }

    @Test
    @DisplayName("a read takes at most the events asked for, in order, and says when more remain")
    void readsInBatches() {
        EventStream stream = newStream();
        stream.append(things(1, 5), AppendOptions.DEFAULT);

        PendingChanges batch = feed.read(stream.id(), 2);
        assertThat(batch.events()).extracting(StoredEvent::sequence).containsExactly(1L, 2L);
        assertThat(batch.hasMoreEvents()).isTrue();
        feed.markPublished(batch, 2);

        PendingChanges next = feed.read(stream.id(), 2);
        assertThat(next.events()).extracting(StoredEvent::sequence).containsExactly(3L, 4L);
        assertThat(next.creationUnpublished()).isFalse();
        feed.markPublished(next, 4);
        PendingChanges last = feed.read(stream.id(), 2);
        assertThat(last.events()).extracting(StoredEvent::sequence).containsExactly(5L);
        assertThat(last.hasMoreEvents()).isFalse();
    }

    @Test
    @DisplayName("a deletion leaves a tombstone to publish, with the version the stream had; marking removes it")
    void deletionLeavesTombstone() {
        EventStream stream = newStream();
        stream.append(things(1, 3), AppendOptions.DEFAULT);
        feed.markPublished(feed.read(stream.id(), 100), 3);

        stream.delete();

        PendingChanges changes = feed.read(stream.id(), 100);
        assertThat(changes.current()).isNull();
        assertThat(changes.events()).isEmpty();
        assertThat(changes.deletions()).hasSize(1);
        assertThat(changes.deletions().get(0).version()).isEqualTo(3);
        assertThat(changes.deletions().get(0).deletedAt()).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
        assertThat(pending(feed, null)).contains(stream.id());

        feed.markPublished(changes, 0);

        assertThat(feed.read(stream.id(), 100).isEmpty()).isTrue();
        assertThat(pending(feed, null)).doesNotContain(stream.id());
    }

    @Test
    @DisplayName("a re-created stream is a new incarnation, read together with the deletion before it")
    void recreationIsNewIncarnation() {
        EventStream stream = newStream();
        stream.append(things(1, 2), AppendOptions.DEFAULT);
        PendingChanges old = feed.read(stream.id(), 100);

        stream.delete();
        stream.append(things(10, 10), AppendOptions.DEFAULT);

        PendingChanges changes = feed.read(stream.id(), 100);
        assertThat(changes.deletions()).hasSize(1);
        assertThat(changes.deletions().get(0).version()).isEqualTo(2);
        assertThat(changes.current().generation()).isNotEqualTo(old.current().generation());
        assertThat(changes.publishedVersion()).isZero();
        assertThat(changes.creationUnpublished()).isTrue();
        assertThat(changes.events()).extracting(StoredEvent::sequence).containsExactly(1L);
    }

    @Test
    @DisplayName("a mark computed for an earlier incarnation does not apply to the re-created stream")
    void staleMarkDoesNotApplyToNewIncarnation() {
        EventStream stream = newStream();
        stream.append(things(1, 2), AppendOptions.DEFAULT);
        PendingChanges old = feed.read(stream.id(), 100);
        stream.delete();
        stream.append(things(1, 1), AppendOptions.DEFAULT);

        feed.markPublished(old, 2);

        PendingChanges changes = feed.read(stream.id(), 100);
        assertThat(changes.publishedVersion()).isZero();
        assertThat(changes.events()).extracting(StoredEvent::sequence).containsExactly(1L);
        assertThat(changes.deletions()).hasSize(1);
    }

    @Test
    @DisplayName("a poll can leave out streams changed after a given time (the writing instance publishes those)")
    void pollLeavesOutRecentChanges() {
        EventStream stream = newStream();
        stream.append(things(1, 1), AppendOptions.DEFAULT);

        assertThat(pending(feed, Instant.now().minus(Duration.ofHours(1)))).doesNotContain(stream.id());
        assertThat(pending(feed, Instant.now().plus(Duration.ofMinutes(5)))).contains(stream.id());
    }

    @Test
    @DisplayName("another instance on the same storage, like a restarted process, finds what is unpublished")
    void survivesRestart() {
        EventStream stream = newStream();
        stream.append(things(1, 2), AppendOptions.DEFAULT);

        ChangeFeed restarted = feedOf(anotherInstanceOnSameStorage());

        assertThat(pending(restarted, null)).contains(stream.id());
        PendingChanges changes = restarted.read(stream.id(), 100);
        assertThat(changes.events()).extracting(StoredEvent::sequence).containsExactly(1L, 2L);
        restarted.markPublished(changes, 2);
        assertThat(feed.read(stream.id(), 100).isEmpty()).isTrue();
    }

    @Test
    @DisplayName("a stream that never existed has nothing to publish")
    void unknownStream() {
        PendingChanges changes = feed.read(StreamId.of(domain, "Account", "never-written"), 100);

        assertThat(changes.isEmpty()).isTrue();
        assertThat(changes.current()).isNull();
        feed.markPublished(changes, 0);
    }

    private static org.assertj.core.data.TemporalUnitOffset within(Duration duration) {
        return new org.assertj.core.data.TemporalUnitWithinOffset(duration.toMillis(),
                java.time.temporal.ChronoUnit.MILLIS);
    }
}
