package io.github.eventsourcing.azure.command;

import io.github.eventsourcing.azure.stream.InvalidStreamKeyException;

/** A command id that no command can have (see {@link CommandType}); no command with it exists or can be started. */
public class InvalidCommandIdException extends InvalidStreamKeyException {

    public InvalidCommandIdException(String message) {
        super(message);
    }
}
