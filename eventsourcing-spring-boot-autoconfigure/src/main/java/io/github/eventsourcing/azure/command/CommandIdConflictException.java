package io.github.eventsourcing.azure.command;

import io.github.eventsourcing.azure.stream.StreamId;

/** A command was started with the id of an existing command but with other parameters; nothing was written. */
public class CommandIdConflictException extends RuntimeException {

    private final StreamId command;

    public CommandIdConflictException(StreamId command) {
        super("The command " + command + " exists with other parameters");
        this.command = command;
    }

    public StreamId command() {
        return command;
    }
}
