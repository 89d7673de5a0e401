package io.github.eventsourcing.azure.notification.internal;

import io.github.eventsourcing.azure.concurrent.internal.EventSourcingExecutors;
import io.github.eventsourcing.azure.notification.Notification;
import io.github.eventsourcing.azure.notification.NotificationPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Publishes notifications that have no durable record (projection and classification results, writes to the
 * in-memory store) on a background thread, so that the caller never waits for Event Grid. A failure is logged and
 * the notifications are dropped; so are new ones while the queue is full.
 *
 * <p>It publishes nothing until {@link #start started}: what is submitted before waits in the queue. A
 * {@link SmartLifecycle} in the same phase as the {@link NotificationDispatcher}; {@link #stop} publishes what is
 * queued (for up to 5 s) and then holds what comes, until it starts again.
 */
public final class BestEffortPublisher implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BestEffortPublisher.class);

    /** How long {@link #stop} and {@link #close} wait for what is queued to be published. */
    private static final long FLUSH_TIMEOUT_SECONDS = 5;

    private final NotificationPublisher publisher;
    private final ThreadPoolExecutor executor;

    private final Object lock = new Object();
    private boolean started;
    private boolean closed;

    /** With a thread of its own (outside an application context), ended by {@link #close}. */
    public BestEffortPublisher(NotificationPublisher publisher, int queueCapacity) {
        this(publisher, queueCapacity, new EventSourcingExecutors());
    }

    public BestEffortPublisher(NotificationPublisher publisher, int queueCapacity, EventSourcingExecutors executors) {
        this.publisher = publisher;
        // One thread keeps the notifications of one writer in order.
        this.executor = executors.singleThread("notify-best-effort", queueCapacity, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Builds (on the background thread) and publishes notifications; never blocks or throws. */
    void submit(Supplier<List<? extends Notification>> notifications) {
        try {
            executor.execute(() -> {
                if (awaitStarted()) {
                    publish(notifications);
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("Dropped notifications: the best-effort queue is full or closed");
        }
    }

    /** Holds the publishing thread until started; false when closed without having been started (or after stop). */
    private boolean awaitStarted() {
        synchronized (lock) {
            while (!started && !closed) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return started;
        }
    }

    private void publish(Supplier<List<? extends Notification>> notifications) {
        List<? extends Notification> list;
        try {
            list = notifications.get();
        } catch (RuntimeException e) {
            log.warn("Could not build notifications; they are dropped", e);
            return;
        }
        if (list.isEmpty()) {
            return;
        }
        try {
            publisher.publish(list);
        } catch (RuntimeException e) {
            log.warn("Could not publish {} best-effort notification(s) ({} ...); they are dropped: {}", list.size(),
                    list.get(0).eventType(), e.getMessage());
        }
    }

    /**
     * Waits until everything submitted so far was published or dropped (for tests and graceful shutdown); while
     * stopped, nothing is, so it waits out the timeout.
     */
    boolean awaitIdle(long timeout, TimeUnit unit) {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (executor.getActiveCount() > 0 || !executor.getQueue().isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Starts publishing, what was submitted before first. */
    @Override
    public void start() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            started = true;
            lock.notifyAll();
        }
    }

    /** Publishes what is queued (waiting up to 5 s), then holds what is submitted until started again. */
    @Override
    public void stop() {
        if (isRunning() && !awaitIdle(FLUSH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            log.warn("Stopped before all best-effort notifications were published; the rest go out if it starts again");
        }
        synchronized (lock) {
            started = false;
        }
    }

    @Override
    public boolean isRunning() {
        synchronized (lock) {
            return started;
        }
    }

    /** The dispatcher's: see {@link NotificationDispatcher#getPhase}. */
    @Override
    public int getPhase() {
        return NotificationDispatcher.PHASE;
    }

    /**
     * Ends it for good: what is queued is published (waiting up to 5 s) when it is running, or dropped when it was
     * stopped or never started.
     */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(FLUSH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
