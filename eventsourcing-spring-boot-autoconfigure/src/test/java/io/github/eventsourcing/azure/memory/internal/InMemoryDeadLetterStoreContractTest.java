package io.github.eventsourcing.azure.memory.internal;

import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.test.contract.DeadLetterStoreContractTest;
import org.junit.jupiter.api.DisplayName;

@DisplayName("In-memory backend passes the dead letter contract")
class InMemoryDeadLetterStoreContractTest extends DeadLetterStoreContractTest {

    private static final InMemoryEventStore STORE = new InMemoryEventStore();

    @Override
    protected EventStore store() {
        return STORE;
    }
}
