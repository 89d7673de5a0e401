package io.github.eventsourcing.azure.blob.internal;

import com.azure.storage.blob.BlobServiceClient;

/** An AppendBlob store whose segments are full after a few blocks, for tests outside this package. */
public final class SmallSegments {

    private SmallSegments() {
    }

    public static AppendBlobEventStore store(BlobServiceClient client, String containerPrefix, int maxBlocksPerSegment) {
        return new AppendBlobEventStore(client, containerPrefix,
                AppendBlobSettings.DEFAULT.withMaxBlocksPerSegment(maxBlocksPerSegment));
    }
}
