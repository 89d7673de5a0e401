package io.github.eventsourcing.azure.command.internal;

import io.github.eventsourcing.azure.stream.StreamId;

/** Another instance claimed the command (or it ended): this holder must record nothing more. */
final class ClaimLostException extends RuntimeException {

    ClaimLostException(StreamId command) {
        super("The claim on " + command + " was lost", null, false, false);
    }
}
