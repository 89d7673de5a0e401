package io.github.eventsourcing.azure.blob.internal;

import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.test.contract.ChangeFeedContractTest;
import org.junit.jupiter.api.DisplayName;

@DisplayName("AppendBlob backend passes the change feed contract")
class AppendBlobChangeFeedContractTest extends ChangeFeedContractTest {

    /** A container prefix of its own: polls list only this test's containers. */
    private static final String PREFIX = "feed";
    private static final AppendBlobEventStore STORE = new AppendBlobEventStore(AppendBlobTestClients.client(), PREFIX);
    /** Another application instance: its own client and its own knowledge of the streams. */
    private static final AppendBlobEventStore OTHER = new AppendBlobEventStore(AppendBlobTestClients.client(), PREFIX);

    @Override
    protected EventStore store() {
        return STORE;
    }

    @Override
    protected EventStore anotherInstanceOnSameStorage() {
        return OTHER;
    }
}
