package io.github.eventsourcing.azure.command.internal;

import java.time.Duration;

/**
 * How fan-out steps run.
 *
 * @param parallelism      how many instances this instance works on at once, over all its fan-out steps
 * @param retryPasses      how many times the instances that failed with errors are tried again
 * @param outcomesPerEvent at most this many outcomes go into one event of the command's stream
 * @param recordInterval   outcomes waiting this long are recorded even when fewer than {@code outcomesPerEvent}
 */
public record FanOutSettings(int parallelism, int retryPasses, int outcomesPerEvent, Duration recordInterval) {
}
