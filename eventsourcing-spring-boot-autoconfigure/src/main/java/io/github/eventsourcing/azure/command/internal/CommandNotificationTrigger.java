package io.github.eventsourcing.azure.command.internal;

import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.notification.NotificationKind;
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

    /**
     * New events only: a projection of a command stream (which looking at it makes) notifies too, and reacting to that
     * would look again, and again.
     */
    @NotificationListener(entity = CommandType.ENTITY_PREFIX + "*", kinds = NotificationKind.NEW_EVENT)
    public void onCommandChanged(StreamId stream) {
        String name = stream.entityType().substring(CommandType.ENTITY_PREFIX.length());
        if (!name.chars().allMatch(Character::isLetterOrDigit)) {
            return; // an index entry (or no command type at all), not a command
        }
        handlers.types().stream()
                .filter(type -> type.domain().equals(stream.domain()) && type.name().equals(name))
                .findFirst()
                .ifPresent(type -> runner.submit(type, stream.instanceKey()));
    }
}
