package io.github.eventsourcing.azure.command;

import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.EventStream;

/**
 * The stream an effect goes to. Its appends carry the effect's derived event id and the command's write context; the
 * stream itself is there for reads (and for appends that are not the effect, which are then not idempotent).
 */
public interface EffectTarget {

    EventStream stream();

    /** The derived event id the effect is appended with. */
    String eventId();

    /**
     * Appends the effect (one event) with the given options. The command sets the write context's correlation id
     * (the command id), causation id (the command's step) and, unless given, its source; who and commentary are kept.
     */
    AppendResult append(Object event, AppendOptions options);

    /** Appends the effect expecting the stream at {@code version} (the version of the state the decision read). */
    default AppendResult append(Object event, long expectedVersion) {
        return append(event, AppendOptions.expectingVersion(expectedVersion));
    }
}
