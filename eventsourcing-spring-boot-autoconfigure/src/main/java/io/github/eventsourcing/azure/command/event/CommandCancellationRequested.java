package io.github.eventsourcing.azure.command.event;

import io.github.eventsourcing.azure.stream.EventName;

/** Someone asked to cancel: the command stops at its next step boundary and compensates what it did. */
@EventName("Command Cancellation Requested")
public record CommandCancellationRequested(String requestedBy) {
}
