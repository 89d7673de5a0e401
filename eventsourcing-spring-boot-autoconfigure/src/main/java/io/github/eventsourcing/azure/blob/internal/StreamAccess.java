package io.github.eventsourcing.azure.blob.internal;

import io.github.eventsourcing.azure.stream.StreamId;

/** Everything one operation on one stream works with. */
record StreamAccess(StreamId id, StreamBlobs blobs, SegmentScanner scanner, StreamCatchUp catchUp) {
}
