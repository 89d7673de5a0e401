package io.github.eventsourcing.azure.command.event;

import io.github.eventsourcing.azure.stream.EventName;

/**
 * A step kept failing with errors until its attempts ran out; the command compensates and fails. Recorded by earlier
 * versions of the library, and still read: a step that runs out of its attempts now sets the command aside as a dead
 * letter ({@link CommandDeadLettered}), and only skipping that letter gives the step up ({@link CommandStepSkipped}).
 */
@EventName("Fatal Error Occurred")
public record FatalErrorOccurred(String step, String message) {
}
