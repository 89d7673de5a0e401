package io.github.eventsourcing.azure.command.event;

import io.github.eventsourcing.azure.stream.EventName;

/**
 * The command ended without completing.
 *
 * @param reason      the business reason of the step that refused ({@code error} after a fatal error)
 * @param compensated true when completed steps were undone; false when nothing had to be
 */
@EventName("Command Failed")
public record CommandFailed(String reason, boolean compensated) {
}
