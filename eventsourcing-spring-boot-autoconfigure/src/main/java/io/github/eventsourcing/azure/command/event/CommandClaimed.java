package io.github.eventsourcing.azure.command.event;

import io.github.eventsourcing.azure.stream.EventName;

import java.time.Instant;

/**
 * An instance took the command over until {@code expiresAt}. Appended at the version the instance read, so of two
 * instances that claim at once only one succeeds; everything the holder records later is appended at the version it
 * knows, which a newer claim changes (fencing).
 */
@EventName("Command Claimed")
public record CommandClaimed(String owner, String claimId, Instant expiresAt) {
}
