package io.github.eventsourcing.azure.testing;

import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreFactory;
import io.github.eventsourcing.azure.spi.StorageConnection;

/** A backend that needs no connection and answers every rule with one given store. */
public record FixedStoreFactory(String backend, EventStore store) implements EventStoreFactory {

    @Override
    public boolean needsConnection() {
        return false;
    }

    @Override
    public EventStore create(StorageConnection connection) {
        return store;
    }
}
