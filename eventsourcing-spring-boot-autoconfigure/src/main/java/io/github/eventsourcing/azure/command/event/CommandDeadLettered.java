package io.github.eventsourcing.azure.command.event;

import io.github.eventsourcing.azure.stream.EventName;

/**
 * A step or compensation failed with errors {@code eventsourcing.commands.max-attempts} times in a row: the command is
 * set aside in the dead-letter record, its claim released, and it is not resumed until the letter is retried (see
 * {@link CommandRetried}) or skipped (see {@link CommandStepSkipped}).
 *
 * @param step      the step or compensation that kept failing
 * @param attempts  how many times it ran
 * @param lastError its last error's message
 */
@EventName("Command Dead Lettered")
public record CommandDeadLettered(String step, int attempts, String lastError) {
}
