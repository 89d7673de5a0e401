package io.github.eventsourcing.azure.notification.internal;

import io.github.eventsourcing.azure.spi.ChangeFeed;
import io.github.eventsourcing.azure.spi.ChangeIndex;
import io.github.eventsourcing.azure.spi.DeadLetterStore;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.PendingChanges;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.test.eventgrid.EventGridStub;
import io.github.eventsourcing.azure.testing.ForwardingEventStore;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The writer of {@link ChangeIndexCrashTest}, in a JVM of its own, wired as an application instance is: it appends two
 * events to one stream, prints {@value #APPENDED} once the append returned, and its dispatcher's index upkeep stops
 * where it is about to write the stream's index entry, printing {@value #PAUSED}; there the test kills it. Its topic,
 * a local stub of its own, answers 503 throughout, so it publishes nothing before it dies either, as a process that
 * crashes right after its append.
 *
 * <p>Arguments: the backend ({@code TABLE} or {@code APPEND_BLOB}), Azurite's connection string, the name prefix and
 * the stream's instance key (domain {@code Bank}, entity {@code Account}).
 */
final class ChangeIndexCrashVictim {

    static final String APPENDED = "APPENDED";
    static final String PAUSED = "PAUSED-BEFORE-INDEX-ENTRY";

    private ChangeIndexCrashVictim() {
    }

    public static void main(String[] args) throws InterruptedException {
        EventStore store = new PausedIndexWrites(ChangeIndexPollingTest.Backend.valueOf(args[0])
                .open(args[1], args[2], new ChangeIndexPollingTest.Requests()));
        EventGridStub topic = EventGridStub.http();
        topic.answer(503);
        NotifyingApp app = new NotifyingApp(store, topic, ChangeIndexPollingTest.polls(Duration.ofHours(1)),
                List.of(ChangeIndexPollingTest.AccountOpened.class));
        app.account(args[3]).append(List.of(new ChangeIndexPollingTest.AccountOpened("first"),
                new ChangeIndexPollingTest.AccountOpened("second")), AppendOptions.DEFAULT);
        print(APPENDED + " " + args[3]);
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void print(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** The store with its change feed, whose index never writes an entry: it prints and waits to be killed. */
    private static final class PausedIndexWrites extends ForwardingEventStore {

        private final ChangeFeed feed;

        PausedIndexWrites(EventStore store) {
            super(store);
            ChangeFeed real = store.changeFeed().orElseThrow();
            ChangeIndex index = real.index().orElseThrow();
            ChangeIndex paused = new ChangeIndex() {
                @Override
                public void add(Collection<StreamId> streams) {
                    print(PAUSED + " " + streams);
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }

                @Override
                public void forEachEntry(Instant writtenBefore, Consumer<StreamId> action) {
                    index.forEachEntry(writtenBefore, action);
                }

                @Override
                public void remove(StreamId stream) {
                    index.remove(stream);
                }
            };
            feed = new ChangeFeed() {
                @Override
                public String name() {
                    return real.name();
                }

                @Override
                public void forEachPendingStream(Instant changedBefore, Consumer<StreamId> action) {
                    real.forEachPendingStream(changedBefore, action);
                }

                @Override
                public PendingChanges read(StreamId id, int maxEvents) {
                    return real.read(id, maxEvents);
                }

                @Override
                public void markPublished(PendingChanges changes, long publishedVersion) {
                    real.markPublished(changes, publishedVersion);
                }

                @Override
                public Optional<ChangeIndex> index() {
                    return Optional.of(paused);
                }
            };
        }

        @Override
        public Optional<ChangeFeed> changeFeed() {
            return Optional.of(feed);
        }

        @Override
        public Optional<DeadLetterStore> deadLetters() {
            return delegate().deadLetters();
        }
    }
}
