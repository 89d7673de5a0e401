package io.github.eventsourcing.azure.readmodel.internal;

import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link ReadModelUpdater#catchUp} once the application context is refreshed and then every refresh interval,
 * on a thread of its own, until the context closes.
 */
public final class ReadModelCatchUp implements SmartLifecycle {

    private final ReadModelUpdater updater;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> running;

    public ReadModelCatchUp(ReadModelUpdater updater, Duration interval, ScheduledExecutorService scheduler) {
        this.updater = updater;
        this.interval = interval;
        this.scheduler = scheduler;
    }

    @Override
    public synchronized void start() {
        if (running == null) {
            running = scheduler.scheduleWithFixedDelay(updater::catchUp, 0, interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (running != null) {
            running.cancel(false);
            running = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running != null;
    }
}
