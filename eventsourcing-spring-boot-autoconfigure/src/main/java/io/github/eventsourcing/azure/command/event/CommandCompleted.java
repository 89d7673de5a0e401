package io.github.eventsourcing.azure.command.event;

import io.github.eventsourcing.azure.stream.EventName;

/** Every step completed. */
@EventName("Command Completed")
public record CommandCompleted() {
}
