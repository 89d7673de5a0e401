package io.github.eventsourcing.azure.blob.internal;

import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.test.contract.EventStoreContractTest;
import org.junit.jupiter.api.DisplayName;

@DisplayName("AppendBlob backend passes the event store contract")
class AppendBlobStoreContractTest extends EventStoreContractTest {

    private static final AppendBlobEventStore STORE = new AppendBlobEventStore(AppendBlobTestClients.client(), "contract");
    /** Another application instance: its own client and its own knowledge of the streams. */
    private static final AppendBlobEventStore OTHER = new AppendBlobEventStore(AppendBlobTestClients.client(), "contract");

    @Override
    protected EventStore store() {
        return STORE;
    }

    @Override
    protected EventStore anotherInstanceOnSameStorage() {
        return OTHER;
    }
}
