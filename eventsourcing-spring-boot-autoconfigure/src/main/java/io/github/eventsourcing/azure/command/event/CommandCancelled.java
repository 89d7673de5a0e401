package io.github.eventsourcing.azure.command.event;

import io.github.eventsourcing.azure.stream.EventName;

/** The command stopped on request; {@code compensated} is true when completed steps were undone. */
@EventName("Command Cancelled")
public record CommandCancelled(boolean compensated) {
}
