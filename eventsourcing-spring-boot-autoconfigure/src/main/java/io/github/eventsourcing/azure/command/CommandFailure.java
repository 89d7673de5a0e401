package io.github.eventsourcing.azure.command;

/**
 * Thrown by a step that refuses for good, for a business reason (e.g. {@code insufficient-funds}): the step is not
 * retried, the completed steps are compensated and the command fails with this reason.
 */
public class CommandFailure extends RuntimeException {

    private final String reason;

    public CommandFailure(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
