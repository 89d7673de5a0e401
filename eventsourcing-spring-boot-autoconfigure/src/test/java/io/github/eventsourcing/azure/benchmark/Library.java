package io.github.eventsourcing.azure.benchmark;

import io.github.eventsourcing.azure.projection.internal.DefaultProjections;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.EventStoreLimits;
import io.github.eventsourcing.azure.stream.internal.AppendOutcomeCheck;
import io.github.eventsourcing.azure.stream.internal.DefaultEventStreams;
import io.github.eventsourcing.azure.stream.internal.EventSerializer;
import io.github.eventsourcing.azure.stream.internal.EventTypeRegistry;
import io.github.eventsourcing.azure.stream.internal.NewStreamKeys;
import io.github.eventsourcing.azure.stream.internal.StorageObjectMapper;
import io.github.eventsourcing.azure.stream.internal.StreamVersions;

import java.time.Clock;
import java.util.List;

/**
 * The library as an application uses it: streams and projections over one backend, with default limits. Snapshots
 * are written on the folding thread, so their request is counted with the fold that wrote it.
 */
final class Library {

    final DefaultEventStreams streams;
    final DefaultProjections projections;

    /** The store alone, for what takes the router (a command runner files its dead letters through it). */
    final EventStoreRouter router;

    /** The same store with the version cache off: every append is one to a stream the process has not seen. */
    final DefaultEventStreams unseen;

    Library(EventStore store) {
        this(store, List.of(BenchEvents.MoneyDeposited.class));
    }

    Library(EventStore store, List<Class<?>> eventTypes) {
        router = EventStoreRouter.single(store);
        streams = streams(store, new StreamVersions(StreamVersions.DEFAULT_SIZE), eventTypes);
        unseen = streams(store, StreamVersions.NONE, eventTypes);
        projections = new DefaultProjections(streams, List.of(), Runnable::run);
    }

    private static DefaultEventStreams streams(EventStore store, StreamVersions versions, List<Class<?>> eventTypes) {
        return new DefaultEventStreams(EventStoreRouter.single(store),
                new EventSerializer(StorageObjectMapper.create(),
                        new EventTypeRegistry(eventTypes, List.of())),
                EventStoreLimits.DEFAULT, Clock.systemUTC(), List.of(), NewStreamKeys.STRICT, versions,
                new AppendOutcomeCheck(AppendOutcomeCheck.DEFAULT_TIMEOUT));
    }
}
