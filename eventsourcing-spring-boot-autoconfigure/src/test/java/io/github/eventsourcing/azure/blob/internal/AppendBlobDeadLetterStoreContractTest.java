package io.github.eventsourcing.azure.blob.internal;

import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.test.contract.DeadLetterStoreContractTest;
import org.junit.jupiter.api.DisplayName;

@DisplayName("AppendBlob backend passes the dead letter contract")
class AppendBlobDeadLetterStoreContractTest extends DeadLetterStoreContractTest {

    private static final String PREFIX = "deadl";
    private static final AppendBlobEventStore STORE = new AppendBlobEventStore(AppendBlobTestClients.client(), PREFIX);
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
