package io.github.eventsourcing.azure.table.internal;

import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.test.contract.ChangeFeedContractTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Azure Table backend passes the change feed contract, within Azure's limits")
class TableChangeFeedContractTest extends ChangeFeedContractTest {

    @RegisterExtension
    static final WithinAzureTableLimits AZURE = new WithinAzureTableLimits();

    /** A table prefix of its own: polls list only this test's tables. */
    private static final String PREFIX = "feed";
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
