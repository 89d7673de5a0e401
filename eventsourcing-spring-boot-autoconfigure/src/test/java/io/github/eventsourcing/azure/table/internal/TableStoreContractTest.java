package io.github.eventsourcing.azure.table.internal;

import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.test.contract.EventStoreContractTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Azure Table backend passes the event store contract, within Azure's limits")
class TableStoreContractTest extends EventStoreContractTest {

    @RegisterExtension
    static final WithinAzureTableLimits AZURE = new WithinAzureTableLimits();

    private static final TableEventStore STORE = new TableEventStore(AZURE.client());
    private static final TableEventStore OTHER_INSTANCE = new TableEventStore(AZURE.client());

    @Override
    protected EventStore store() {
        return STORE;
    }

    @Override
    protected EventStore anotherInstanceOnSameStorage() {
        return OTHER_INSTANCE;
    }
}
