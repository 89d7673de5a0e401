package io.github.eventsourcing.azure.blob.internal;

import com.azure.storage.blob.specialized.AppendBlobClient;

/**
 * The knobs of the AppendBlob backend that are not part of its public constructors: tests lower them to reach
 * limits quickly (a segment full after 3 blocks instead of 50,000, reads in chunks of a few bytes).
 *
 * @param maxBlocksPerSegment blocks a segment takes before the stream continues in the next one; at most the
 *                            service's 50,000
 * @param downloadChunkBytes  bytes asked for by one ranged read
 * @param maxCachedStreams    streams whose state this process keeps
 * @param maxCachedEvents     event ids kept over all cached streams (about 24 bytes each)
 */
record AppendBlobSettings(int maxBlocksPerSegment, int downloadChunkBytes, int maxCachedStreams, long maxCachedEvents) {

    static final AppendBlobSettings DEFAULT = new AppendBlobSettings(AppendBlobClient.MAX_BLOCKS, 4 * 1024 * 1024,
            10_000, 2_000_000);

    AppendBlobSettings {
        if (maxBlocksPerSegment < 1 || maxBlocksPerSegment > AppendBlobClient.MAX_BLOCKS) {
            throw new IllegalArgumentException("maxBlocksPerSegment must be 1 to " + AppendBlobClient.MAX_BLOCKS);
        }
        if (downloadChunkBytes < 2) {
            throw new IllegalArgumentException("downloadChunkBytes must be at least 2");
        }
        if (maxCachedStreams < 0 || maxCachedEvents < 0) {
            throw new IllegalArgumentException("cache bounds must not be negative");
        }
    }

    AppendBlobSettings withMaxBlocksPerSegment(int value) {
        return new AppendBlobSettings(value, downloadChunkBytes, maxCachedStreams, maxCachedEvents);
    }

    AppendBlobSettings withDownloadChunkBytes(int value) {
        return new AppendBlobSettings(maxBlocksPerSegment, value, maxCachedStreams, maxCachedEvents);
    }
}
