package io.github.eventsourcing.azure.command.event;

import io.github.eventsourcing.azure.stream.EventName;

/** A step kept failing with errors until its attempts ran out; the command compensates and fails. */
@EventName("Fatal Error Occurred")
public record FatalErrorOccurred(String step, String message) {
}
