package io.github.eventsourcing.azure.command.internal;

import io.github.eventsourcing.azure.command.CommandHandler;

import java.util.List;

/**
 * Command handlers that are not beans themselves: those another feature runs as commands (queries do), registered
 * with the command handler beans.
 */
@FunctionalInterface
public interface CommandHandlerSource {

    List<CommandHandler<?>> commandHandlers();
}
