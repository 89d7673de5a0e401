package io.github.eventsourcing.azure.stream.internal;

import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.StreamId;

/**
 * Told, in the writing thread, after a write has committed. Durable delivery of notifications does not depend on
 * it (a crash can come first); it only lets in-process components react at once. Must not throw.
 */
public interface StreamChangeListener {

    default void appended(StreamId id, AppendResult result) {
    }

    default void deleted(StreamId id) {
    }
}
