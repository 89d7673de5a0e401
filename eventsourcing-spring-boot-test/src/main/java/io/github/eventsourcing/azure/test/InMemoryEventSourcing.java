package io.github.eventsourcing.azure.test;

import io.github.eventsourcing.azure.memory.internal.InMemoryEventStore;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.projection.internal.DefaultProjections;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.internal.DefaultEventStreams;
import io.github.eventsourcing.azure.stream.internal.EventSerializer;
import io.github.eventsourcing.azure.stream.internal.EventTypeRegistry;
import io.github.eventsourcing.azure.stream.internal.StorageObjectMapper;

/**
 * The library's real event streams and projections over a fresh in-memory store, without Spring: for fast unit tests
 * of domain code that takes {@link EventStreams} or {@link Projections}. Event classes register on first use. Use
 * {@link AutoConfigureInMemoryEventStreams} instead when the test starts an application context.
 */
public final class InMemoryEventSourcing {

    private final DefaultEventStreams streams = new DefaultEventStreams(EventStoreRouter.single(new InMemoryEventStore()),
            new EventSerializer(StorageObjectMapper.create(), new EventTypeRegistry()));
    private final Projections projections = new DefaultProjections(streams);

    private InMemoryEventSourcing() {
    }

    /** Event streams and projections over a new, empty in-memory store. */
    public static InMemoryEventSourcing create() {
        return new InMemoryEventSourcing();
    }

    /** The event streams, all stored in this instance's in-memory store. */
    public EventStreams streams() {
        return streams;
    }

    /** The projections and classifications of those streams. */
    public Projections projections() {
        return projections;
    }
}
