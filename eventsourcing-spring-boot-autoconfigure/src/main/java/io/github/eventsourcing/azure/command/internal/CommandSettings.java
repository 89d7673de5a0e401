package io.github.eventsourcing.azure.command.internal;

import java.time.Duration;

/**
 * How the runner works.
 *
 * @param claimDuration  how long a claim lasts unless renewed (renewed at a third of it)
 * @param resumeInterval how often the index of open commands is checked
 * @param maxAttempts    how many times a step runs before its errors are fatal
 * @param workers        how many commands this instance runs at once
 * @param owner          this instance's name in its claims
 * @param fanOut         how fan-out steps run
 */
public record CommandSettings(Duration claimDuration, Duration resumeInterval, int maxAttempts, int workers,
                              String owner, FanOutSettings fanOut) {
}
