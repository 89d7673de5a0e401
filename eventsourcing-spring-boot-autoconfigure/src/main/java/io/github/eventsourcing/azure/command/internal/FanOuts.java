package io.github.eventsourcing.azure.command.internal;

import io.github.eventsourcing.azure.command.CommandPausePoints;

import java.util.concurrent.ExecutorService;

/**
 * What fan-out steps share on this instance: one pool of {@code parallelism} threads (so the bound holds over every
 * fan-out running here), the settings, and the pause-point hook.
 */
record FanOuts(ExecutorService pool, FanOutSettings settings, CommandPausePoints pausePoints) {
}
