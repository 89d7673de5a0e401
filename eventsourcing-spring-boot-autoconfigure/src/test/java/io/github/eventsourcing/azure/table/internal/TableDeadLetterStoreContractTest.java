package io.github.eventsourcing.azure.table.internal;

import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.test.contract.DeadLetterStoreContractTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Azure Table backend passes the dead letter contract, within Azure's limits")
class TableDeadLetterStoreContractTest extends DeadLetterStoreContractTest {

    @RegisterExtension
    static final WithinAzureTableLimits AZURE = new WithinAzureTableLimits();

    private static final String PREFIX = "deadl";
    private static final TableEventStore STORE = new TableEventStore(AZURE.client(), PREFIX);
    private static final TableEventStore OTHER_INSTANCE = new TableEventStore(AZURE.client(), PREFIX);

    @Override
    protected EventStore store() {
        return STORE;
    }

    @Override
    protected EventStore anotherInstanceOnSameStorage() {
        return OTHER_INSTANCE;
    }
}
