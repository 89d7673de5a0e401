package io.github.eventsourcing.azure.command.event;

import io.github.eventsourcing.azure.stream.EventName;

/**
 * The command's dead letter was retried: it may be claimed and resumed again, and the step that kept failing gets a
 * fresh count of attempts.
 *
 * @param step the step or compensation that had kept failing
 */
@EventName("Command Retried")
public record CommandRetried(String step) {
}
