package io.github.eventsourcing.azure.command.internal;

import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.notification.NotificationListener;
import io.github.eventsourcing.azure.stream.StreamId;

/**
 * Where notifications reach this instance, a change to a command's stream prompts this instance to look at the command
 * (and take it over if its claim expired), instead of waiting for the next periodic check.
 */
public final class CommandNotificationTrigger {

    private final CommandHandlers handlers;
    private final CommandRunner runner;

    public CommandNotificationTrigger(CommandHandlers handlers, CommandRunner runner) {
        this.handlers = handlers;
        this.runner = runner;
    }

    @NotificationListener(entity = CommandType.ENTITY_PREFIX + "*")
    public void onCommandChanged(StreamId stream) {
        String name = stream.entityType().substring(CommandType.ENTITY_PREFIX.length());
        if (name.indexOf('-') >= 0) {
            return; // an index entry, not a command
        }
        CommandType type = new CommandType(stream.domain(), name);
        if (handlers.find(type).isPresent()) {
            runner.submit(type, stream.instanceKey());
        }
    }
}
