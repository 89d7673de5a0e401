package io.github.eventsourcing.azure.command.event;

import io.github.eventsourcing.azure.stream.EventName;

/**
 * A step (or a compensation) started.
 *
 * @param step        the step's name
 * @param compensates the step a compensation undoes; null for a forward step
 * @param attempt     1 for the first run of the step, higher when it runs again after a failure or a crash
 */
@EventName("Command Step Initiated")
public record CommandStepInitiated(String step, String compensates, int attempt) {
}
