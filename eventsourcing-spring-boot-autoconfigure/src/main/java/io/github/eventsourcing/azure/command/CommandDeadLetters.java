package io.github.eventsourcing.azure.command;

import io.github.eventsourcing.azure.stream.StreamId;

/**
 * Where a command goes that keeps failing: a step that failed with errors {@code eventsourcing.commands.max-attempts}
 * times in a row, or a compensation that cannot be made. The default only logs; define a bean of this type to keep
 * such commands where people retry or skip them.
 */
@FunctionalInterface
public interface CommandDeadLetters {

    /**
     * @param command the command's stream
     * @param step    the step or compensation that kept failing
     * @param cause   its last error
     */
    void deadLetter(StreamId command, String step, Throwable cause);
}
