package io.github.eventsourcing.azure.command;

/** Where a command is in its life. */
public enum CommandStatus {
    /** Created and not ended yet (running, waiting for an instance, or compensating). */
    PENDING,
    /** Every step completed. */
    COMPLETED,
    /** A step refused (or kept failing) before anything had to be undone. */
    FAILED,
    /** A step refused (or kept failing) and the completed steps were undone. */
    COMPENSATED,
    /** Stopped on request, with the completed steps undone. */
    CANCELLED;

    public boolean isTerminal() {
        return this != PENDING;
    }
}
