package io.github.eventsourcing.azure.spi;

import io.github.eventsourcing.azure.stream.StreamId;

/** Chooses the backend that stores a domain/entity. */
@FunctionalInterface
public interface EventStoreRouter {

    EventStore storeFor(StreamId.StreamType type);

    /** Every stream type on one store (the simplest configuration, and the one tests use). */
    static EventStoreRouter single(EventStore store) {
        return type -> store;
    }
}
