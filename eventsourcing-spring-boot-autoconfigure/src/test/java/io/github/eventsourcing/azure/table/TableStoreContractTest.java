package io.github.eventsourcing.azure.table;

import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.testing.EventStoreContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Azure Table backend passes the event store contract, within Azure's limits")
class TableStoreContractTest extends EventStoreContractTest {

    private static final AzureTableLimitsPolicy LIMITS = new AzureTableLimitsPolicy();
    private static final TableEventStore STORE = new TableEventStore(AzuriteTables.client(LIMITS));
    private static final TableEventStore OTHER_INSTANCE = new TableEventStore(AzuriteTables.client(LIMITS));

    @Override
    protected EventStore store() {
        return STORE;
    }

    @Override
    protected EventStore anotherInstanceOnSameStorage() {
        return OTHER_INSTANCE;
    }

    @BeforeAll
    static void quietConflicts() {
        SdkConflictLogs.silence();
    }

    @AfterAll
    static void conflictLogsAsBefore() {
        SdkConflictLogs.restore();
    }

    @AfterEach
    void nothingAzureWouldRefuseWasSent() {
        assertThat(LIMITS.refused()).isEmpty();
    }
}
