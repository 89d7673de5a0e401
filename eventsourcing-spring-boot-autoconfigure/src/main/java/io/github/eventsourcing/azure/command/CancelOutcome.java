package io.github.eventsourcing.azure.command;

/** What a request to cancel a command did. */
public enum CancelOutcome {
    /** The cancellation is recorded (now or by an earlier request); the command stops at its next step boundary. */
    REQUESTED,
    /** The command had already ended; nothing was recorded. */
    ALREADY_ENDED,
    /** There is no such command. */
    NOT_FOUND
}
