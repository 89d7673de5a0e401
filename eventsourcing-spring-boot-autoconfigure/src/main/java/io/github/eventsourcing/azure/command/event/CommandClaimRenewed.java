package io.github.eventsourcing.azure.command.event;

import io.github.eventsourcing.azure.stream.EventName;

import java.time.Instant;

/** The holder of a claim extended it (at a third of its duration, so that a slow renewal still lands in time). */
@EventName("Command Claim Renewed")
public record CommandClaimRenewed(String claimId, Instant expiresAt) {
}
