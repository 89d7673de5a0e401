package io.github.eventsourcing.azure.autoconfigure;

import io.github.eventsourcing.azure.autoconfigure.scanned.ScannedApplication.ParcelShipped;
import io.github.eventsourcing.azure.autoconfigure.scanned.ScannedApplication;
import io.github.eventsourcing.azure.memory.internal.InMemoryEventStore;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionName;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.projection.Snapshots;
import io.github.eventsourcing.azure.spi.EventStoreFactory;
import io.github.eventsourcing.azure.spi.SnapshotStore;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.testing.FixedStoreFactory;
import io.github.eventsourcing.azure.testing.ForwardingEventStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Snapshot writing")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SnapshotWritingTests {

    @Test
    @DisplayName("runs on a daemon thread of its own, not the common fork-join pool")
    void ownDaemonThread() throws Exception {
        SnapshotWriting writing = new SnapshotWriting();
        try {
            CompletableFuture<Thread> ranOn = new CompletableFuture<>();
            writing.executor().execute(() -> ranOn.complete(Thread.currentThread()));
            Thread thread = ranOn.get(5, TimeUnit.SECONDS);
            assertThat(thread.getName()).isEqualTo(SnapshotWriting.THREAD_NAME);
            assertThat(thread.isDaemon()).isTrue();
        } finally {
            writing.destroy();
        }
    }

    @Test
    @DisplayName("drops writes beyond its queue instead of blocking the caller, and finishes queued ones on shutdown")
    void boundedQueue() throws Exception {
        SnapshotWriting writing = new SnapshotWriting();
        Executor executor = writing.executor();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        executor.execute(() -> {
            awaitQuietly(release);
            ran.incrementAndGet();
        });
        // The thread is busy with the first write: the queue takes QUEUE_CAPACITY more, the rest are dropped.
        for (int i = 0; i < SnapshotWriting.QUEUE_CAPACITY + 50; i++) {
            executor.execute(ran::incrementAndGet);
        }
        release.countDown();
        writing.destroy();
        assertThat(ran.get()).isEqualTo(1 + SnapshotWriting.QUEUE_CAPACITY);
    }

    @Test
    @DisplayName("is no Executor bean, so Spring Boot still provides the application's task executor")
    void leavesTheApplicationTaskExecutorAlone() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class,
                        InMemoryEventStoreAutoConfiguration.class, TaskExecutionAutoConfiguration.class))
                .withUserConfiguration(ScannedApplication.class)
                .withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=in-memory")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(SnapshotWriting.class)
                            .hasBean("applicationTaskExecutor");
                    assertThat(context.getBeansOfType(Executor.class)).containsOnlyKeys("applicationTaskExecutor");
                });
    }

    @Test
    @DisplayName("is where the auto-configured projections write their snapshots")
    void projectionsWriteOnIt() {
        RecordingSnapshotStore store = new RecordingSnapshotStore();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class))
                .withUserConfiguration(ScannedApplication.class)
                .withBean("recordingEventStoreFactory", EventStoreFactory.class,
                        () -> new FixedStoreFactory("recording", store))
                .withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=recording")
                .run(context -> {
                    StreamId parcel = StreamId.of("Shipping", "Parcel", "P-1");
                    EventStream stream = context.getBean(EventStreams.class).stream(parcel);
                    stream.append(new ParcelShipped("P-1", null, null));
                    stream.append(new ParcelShipped("P-1", null, null));

                    context.getBean(Projections.class).project(parcel, ShippedCount.class);

                    assertThat(store.savedOn.get(5, TimeUnit.SECONDS)).isEqualTo(SnapshotWriting.THREAD_NAME);
                });
    }

    @Snapshots(every = 2)
    @ProjectionName("Shipped count")
    static class ShippedCount {
        int count;

        @EventHandler
        void on(ParcelShipped shipped) {
            count++;
        }
    }

    /** The in-memory store, noting the thread of the first snapshot write. */
    private static final class RecordingSnapshotStore extends ForwardingEventStore implements SnapshotStore {
        final InMemoryEventStore store = (InMemoryEventStore) delegate();
        final CompletableFuture<String> savedOn = new CompletableFuture<>();

        @Override
        public Optional<SnapshotStore> snapshots() {
            return Optional.of(this);
        }

        @Override
        public Optional<StoredSnapshot> loadSnapshot(StreamId id, String snapshotKey) {
            return store.loadSnapshot(id, snapshotKey);
        }

        @Override
        public void saveSnapshot(StreamId id, String snapshotKey, StoredSnapshot snapshot) {
            savedOn.complete(Thread.currentThread().getName());
            store.saveSnapshot(id, snapshotKey, snapshot);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
