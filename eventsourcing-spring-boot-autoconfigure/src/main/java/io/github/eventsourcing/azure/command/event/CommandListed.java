package io.github.eventsourcing.azure.command.event;

import io.github.eventsourcing.azure.stream.EventName;

/**
 * An entry in the list of recently started commands (see {@code Commands#recentCommandIds}): its event id is the
 * command's id, so that entering a command again in the same page of the list writes nothing.
 */
@EventName("Command Listed")
public record CommandListed(String commandType) {
}
