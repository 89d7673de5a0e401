package io.github.eventsourcing.azure.projection.internal;

import io.github.eventsourcing.azure.memory.internal.InMemoryEventStore;
import io.github.eventsourcing.azure.projection.ClassificationParameter;
import io.github.eventsourcing.azure.projection.ClassificationResult;
import io.github.eventsourcing.azure.projection.Classified;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionName;
import io.github.eventsourcing.azure.projection.ProjectionOptions;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Snapshots;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.spi.SnapshotStore.StoredSnapshot;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.stream.internal.DefaultEventStreams;
import io.github.eventsourcing.azure.stream.internal.EventSerializer;
import io.github.eventsourcing.azure.stream.internal.EventTypeRegistry;
import io.github.eventsourcing.azure.stream.internal.StorageObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotTest {

    @EventName("Counted")
    record Counted(int by) {
    }

    @EventName("Named")
    record Named(String name) {
    }

    /** Counts how many events its handlers saw, so tests can tell a snapshot was used. */
    static final AtomicInteger HANDLED = new AtomicInteger();

    @ProjectionName("Tally")
    @Snapshots(every = 10)
    static class Tally {
        long total;
        List<String> names = new ArrayList<>();

        @EventHandler
        void on(Counted event) {
            HANDLED.incrementAndGet();
            total = total * 31 + event.by(); // order-sensitive, so a wrong fold shows
        }

        @EventHandler
        void on(Named event) {
            HANDLED.incrementAndGet();
            names.add(event.name());
        }
    }

    @ProjectionName("Tally")
    static class TallyWithoutSnapshots extends Tally {
    }

    @ProjectionName("Big Counter")
    @Snapshots(every = 5)
    static class BigCounter {
        @ClassificationParameter("limit")
        long limit;
        long total;

        @EventHandler
        Classified on(Counted event) {
            total += event.by();
            return total > limit ? Classified.INCLUDE : Classified.EXCLUDE;
        }
    }

    private final InMemoryEventStore store = new InMemoryEventStore();
    private final DefaultEventStreams streams = new DefaultEventStreams(EventStoreRouter.single(store),
            new EventSerializer(StorageObjectMapper.create(), new EventTypeRegistry()));
    private final DefaultProjections projections = new DefaultProjections(streams, List.of(), Runnable::run);
    private final DefaultProjections withoutSnapshots = new DefaultProjections((io.github.eventsourcing.azure.stream.EventStreams) streams);

    private static List<Object> randomEvents(Random random, int count) {
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(random.nextInt(4) == 0 ? new Named("n" + random.nextInt(1000)) : new Counted(random.nextInt(100)));
        }
        return events;
    }

    @RepeatedTest(5)
    @DisplayName("a fold that starts from snapshots equals a full fold, on random streams appended in random steps")
    void identicalToFullFold() {
        Random random = new Random();
        EventStream stream = streams.stream("Lab", "Counter", "r-" + random.nextLong());
        int steps = 3 + random.nextInt(8);
        for (int step = 0; step < steps; step++) {
            stream.appendNonAtomically(randomEvents(random, 1 + random.nextInt(40)), WriteContext.EMPTY);
            ProjectionResult<Tally> snapshotted = projections.project(stream.id(), Tally.class);
            ProjectionResult<Tally> full = withoutSnapshots.project(stream.id(), Tally.class);
            assertThat(snapshotted.state().total).isEqualTo(full.state().total);
            assertThat(snapshotted.state().names).isEqualTo(full.state().names);
            assertThat(snapshotted.asOfSequence()).isEqualTo(full.asOfSequence()).isEqualTo(stream.version());
            assertThat(snapshotted.asOfTime()).isEqualTo(full.asOfTime());
        }
    }

    @RepeatedTest(5)
    @DisplayName("a classification that starts from snapshots equals a full fold, with parameter values varying "
            + "between folds of the same random stream")
    void classificationIdenticalToFullFold() {
        Random random = new Random();
        EventStream stream = streams.stream("Lab", "Counter", "c-" + random.nextLong());
        List<Long> limits = List.of(-100L, 200L, 1_000L, 3_000L);
        for (int step = 0; step < 12; step++) {
            stream.appendNonAtomically(randomEvents(random, 1 + random.nextInt(30)), WriteContext.EMPTY);
            Map<String, ?> params = Map.of("limit", limits.get(random.nextInt(limits.size())));
            ClassificationResult<BigCounter> snapshotted = projections.classify(stream.id(), BigCounter.class, params);
            ClassificationResult<BigCounter> full = withoutSnapshots.classify(stream.id(), BigCounter.class, params);
            assertThat(snapshotted.included()).as("included with %s", params).isEqualTo(full.included());
            assertThat(snapshotted.wasEverIncluded()).as("ever included with %s", params)
                    .isEqualTo(full.wasEverIncluded());
            assertThat(snapshotted.wasEverExcluded()).as("ever excluded with %s", params)
                    .isEqualTo(full.wasEverExcluded());
            assertThat(snapshotted.state().total).isEqualTo(full.state().total);
            assertThat(snapshotted.asOfSequence()).isEqualTo(full.asOfSequence()).isEqualTo(stream.version());
        }
    }

    @Test
    @DisplayName("after a snapshot, a fold applies only the events written since")
    void readsOnlyNewEvents() {
        EventStream stream = streams.stream("Lab", "Counter", "only-new");
        stream.appendNonAtomically(randomEvents(new Random(1), 100), WriteContext.EMPTY);
        projections.project(stream.id(), Tally.class); // full fold, writes the snapshot at 100
        stream.append(new Counted(1), new Counted(2), new Counted(3));

        HANDLED.set(0);
        ProjectionResult<Tally> result = projections.project(stream.id(), Tally.class);
        assertThat(HANDLED.get()).isEqualTo(3);
        assertThat(result.asOfSequence()).isEqualTo(103);
        assertThat(result.state().total).isEqualTo(withoutSnapshots.project(stream.id(), Tally.class).state().total);
    }

    @Test
    @DisplayName("a corrupt snapshot falls back to a full fold")
    void corruptSnapshot() {
        EventStream stream = streams.stream("Lab", "Counter", "corrupt");
        stream.appendNonAtomically(randomEvents(new Random(2), 30), WriteContext.EMPTY);
        String key = new SnapshotSupport(t -> java.util.Optional.of(store), StorageObjectMapper.create(), Runnable::run)
                .keyOf(Tally.class);
        store.saveSnapshot(stream.id(), key, new StoredSnapshot(20, stream.read().get(19).eventId(),
                stream.read().get(19).writtenAt(), "{not json".getBytes(StandardCharsets.UTF_8)));

        ProjectionResult<Tally> result = projections.project(stream.id(), Tally.class);
        assertThat(result.state().total).isEqualTo(withoutSnapshots.project(stream.id(), Tally.class).state().total);
        assertThat(store.loadSnapshot(stream.id(), key).orElseThrow().sequence()).isEqualTo(30);
    }

    @Test
    @DisplayName("a snapshot of a deleted stream is never applied to the stream re-created under its key")
    void recreatedStream() {
        EventStream stream = streams.stream("Lab", "Counter", "recreated");
        stream.appendNonAtomically(randomEvents(new Random(3), 40), WriteContext.EMPTY);
        projections.project(stream.id(), Tally.class);
        stream.delete();
        stream.appendNonAtomically(randomEvents(new Random(4), 45), WriteContext.EMPTY);

        ProjectionResult<Tally> result = projections.project(stream.id(), Tally.class);
        assertThat(result.state().total).isEqualTo(withoutSnapshots.project(stream.id(), Tally.class).state().total);
        assertThat(result.state().names).isEqualTo(withoutSnapshots.project(stream.id(), Tally.class).state().names);
    }

    @Test
    @DisplayName("snapshots are keyed by the projection's code: another class under the same name never reads them")
    void keyedByCode() {
        SnapshotSupport support = new SnapshotSupport(t -> java.util.Optional.of(store), StorageObjectMapper.create(),
                Runnable::run);
        assertThat(support.keyOf(Tally.class)).startsWith("Tally@c");
        assertThat(support.keyOf(TallyWithoutSnapshots.class)).startsWith("Tally@c")
                .isNotEqualTo(support.keyOf(Tally.class));
    }

    @Test
    @DisplayName("a fold as of a point before the snapshot ignores it")
    void asOfBeforeSnapshot() {
        EventStream stream = streams.stream("Lab", "Counter", "as-of");
        stream.appendNonAtomically(randomEvents(new Random(5), 50), WriteContext.EMPTY);
        projections.project(stream.id(), Tally.class);
        ProjectionResult<Tally> early = projections.project(stream.id(), Tally.class, ProjectionOptions.asOf(12));
        assertThat(early.asOfSequence()).isEqualTo(12);
        assertThat(early.state().total)
                .isEqualTo(withoutSnapshots.project(stream.id(), Tally.class, ProjectionOptions.asOf(12)).state().total);
    }

    @Test
    @DisplayName("classifications resume from snapshots with their verdict and parameters")
    void classificationSnapshots() {
        StreamId id = StreamId.of("Lab", "Counter", "classified");
        EventStream stream = streams.stream(id);
        for (int i = 0; i < 12; i++) {
            stream.append(new Counted(i % 3 == 0 ? 10 : -4));
        }
        Map<String, ?> params = Map.of("limit", "5");
        ClassificationResult<BigCounter> first = projections.classify(id, BigCounter.class, params);
        stream.append(new Counted(100));
        ClassificationResult<BigCounter> second = projections.classify(id, BigCounter.class, params);
        ClassificationResult<BigCounter> full = withoutSnapshots.classify(id, BigCounter.class, params);
        assertThat(first.asOfSequence()).isEqualTo(12);
        assertThat(second.included()).isEqualTo(full.included()).isTrue();
        assertThat(second.wasEverIncluded()).isEqualTo(full.wasEverIncluded());
        assertThat(second.wasEverExcluded()).isEqualTo(full.wasEverExcluded());
        assertThat(second.state().total).isEqualTo(full.state().total);
        assertThat(second.state().limit).isEqualTo(5);
    }
}
