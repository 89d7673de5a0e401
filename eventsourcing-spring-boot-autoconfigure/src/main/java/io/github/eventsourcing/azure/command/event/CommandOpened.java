package io.github.eventsourcing.azure.command.event;

import io.github.eventsourcing.azure.stream.EventName;

/**
 * The only event of an entry in the index of open commands (see {@code Commands}): the entry's stream exists while
 * the command is open and is deleted when it ends, so listing the index lists only open commands.
 */
@EventName("Command Opened")
public record CommandOpened(String commandType) {
}
