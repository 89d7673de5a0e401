package io.github.eventsourcing.azure.command.event;

import io.github.eventsourcing.azure.stream.EventName;

/**
 * A step's run failed.
 *
 * @param step    the step's name
 * @param reason  the business reason (for good) or the error's message (may be retried)
 * @param forGood true when the step refused for a business reason: it is not retried, and the command compensates
 */
@EventName("Command Step Failed")
public record CommandStepFailed(String step, String reason, boolean forGood) {
}
