package io.github.eventsourcing.azure.command;

import io.github.eventsourcing.azure.stream.WriteContext;

import java.util.List;

/** Starts, reads and cancels commands (the auto-configured bean). */
public interface Commands {

    /** Starts a command with a new random id. */
    default CommandInstance start(CommandType type, Object parameters) {
        return start(type, java.util.UUID.randomUUID().toString(), parameters, WriteContext.EMPTY);
    }

    /**
     * Starts a command with the given id: records it, enters it in the index of open commands and runs it on this
     * instance. Idempotent: starting an existing command with the same parameters returns it, unchanged.
     *
     * @throws CommandIdConflictException the id is taken by a command with other parameters
     * @throws IllegalArgumentException   no {@link CommandHandler} handles the type
     */
    CommandInstance start(CommandType type, String commandId, Object parameters, WriteContext context);

    /** A command by id (no storage round trip: it need not exist). */
    CommandInstance instance(CommandType type, String commandId);

    /** The ids of the commands of a type that are not ended, found through the index of open commands. */
    List<String> openCommandIds(CommandType type);

    /**
     * The ids of the commands of a type started most recently, newest first: at most {@code limit}, read from a list
     * that each start adds to, at a cost that does not grow with the number of commands ever started: at most 4 reads
     * of short streams (on Table one request each; on AppendBlob a stream this process has not read yet is read whole,
     * and the list's pages hold at most 1,000 entries). Starting a command again does not list it twice. An id whose
     * start failed before the command was recorded may be listed; its {@link CommandInstance#exists()} is false.
     *
     * @param limit 1 to 1000
     * @throws IllegalArgumentException the limit is outside 1 to 1000
     */
    List<String> recentCommandIds(CommandType type, int limit);

    /** The command types that have a handler. */
    List<CommandType> types();
}
