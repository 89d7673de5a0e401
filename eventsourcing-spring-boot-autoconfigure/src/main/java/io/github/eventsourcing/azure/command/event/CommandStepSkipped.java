package io.github.eventsourcing.azure.command.event;

import io.github.eventsourcing.azure.stream.EventName;

/**
 * The command's dead letter was skipped: the step that kept failing is given up. A forward step is given up like a
 * fatal error (the command compensates its completed steps and fails with reason {@code error}); a compensation is
 * given up without being made (its step's effect stays, the other compensations still run).
 *
 * @param step the step or compensation given up
 */
@EventName("Command Step Skipped")
public record CommandStepSkipped(String step) {
}
