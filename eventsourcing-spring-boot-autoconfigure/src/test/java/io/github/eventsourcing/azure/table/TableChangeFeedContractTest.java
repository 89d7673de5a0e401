package io.github.eventsourcing.azure.table;

import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.testing.ChangeFeedContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Azure Table backend passes the change feed contract, within Azure's limits")
class TableChangeFeedContractTest extends ChangeFeedContractTest {

    private static final AzureTableLimitsPolicy LIMITS = new AzureTableLimitsPolicy();
    /** A table prefix of its own: polls list only this test's tables. */
    private static final String PREFIX = "feed";
    private static final TableEventStore STORE = new TableEventStore(AzuriteTables.client(LIMITS), PREFIX);
    private static final TableEventStore OTHER_INSTANCE = new TableEventStore(AzuriteTables.client(LIMITS), PREFIX);

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
