package io.github.eventsourcing.azure.samplebackend;

import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.test.contract.EventStoreContractTest;
import org.junit.jupiter.api.DisplayName;

/** A backend of one's own is one package and this one class: the shared contract, run against it. */
@DisplayName("A sample backend of one's own (a map) passes the event store contract")
class MapEventStoreContractTest extends EventStoreContractTest {

    private static final MapEventStore STORE = new MapEventStore();

    @Override
    protected EventStore store() {
        return STORE;
    }
}
