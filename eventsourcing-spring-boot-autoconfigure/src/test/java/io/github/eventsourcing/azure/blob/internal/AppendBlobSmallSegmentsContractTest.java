package io.github.eventsourcing.azure.blob.internal;

import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.test.contract.EventStoreContractTest;
import org.junit.jupiter.api.DisplayName;

/**
 * The whole contract again with segments of four blocks, so that nearly every stream of it, its concurrent writers
 * and readers included, crosses segment boundaries: at the default of 50,000 blocks the contract never reaches one.
 */
@DisplayName("AppendBlob backend with 4-block segments passes the event store contract")
class AppendBlobSmallSegmentsContractTest extends EventStoreContractTest {

    private static final AppendBlobSettings FOUR_BLOCKS = AppendBlobSettings.DEFAULT.withMaxBlocksPerSegment(4);

    private static final AppendBlobEventStore STORE =
            new AppendBlobEventStore(AppendBlobTestClients.client(), "contractseg", FOUR_BLOCKS);
    /** Another application instance: its own client and its own knowledge of the streams. */
    private static final AppendBlobEventStore OTHER =
            new AppendBlobEventStore(AppendBlobTestClients.client(), "contractseg", FOUR_BLOCKS);

    @Override
    protected EventStore store() {
        return STORE;
    }

    @Override
    protected EventStore anotherInstanceOnSameStorage() {
        return OTHER;
    }
}
