package io.github.eventsourcing.azure.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Publishes notifications that have no durable record (projection and classification results, writes to the
 * in-memory store) on a background thread, so that the caller never waits for Event Grid. A failure is logged and
 * the notifications are dropped; so are new ones while the queue is full.
 */
public final class BestEffortPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BestEffortPublisher.class);

    private final NotificationPublisher publisher;
    private final ThreadPoolExecutor executor;

    public BestEffortPublisher(NotificationPublisher publisher, int queueCapacity) {
        this.publisher = publisher;
        // One thread keeps the notifications of one writer in order.
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity),
                runnable -> {
                    Thread thread = new Thread(runnable, "eventsourcing-notify-best-effort");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Builds (on the background thread) and publishes notifications; never blocks or throws. */
    public void submit(Supplier<List<? extends Notification>> notifications) {
        try {
            executor.execute(() -> publish(notifications));
        } catch (RejectedExecutionException e) {
            log.warn("Dropped notifications: the best-effort queue is full or closed");
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

    /** Waits until everything submitted so far was published or dropped (for tests and graceful shutdown). */
    public boolean awaitIdle(long timeout, TimeUnit unit) {
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

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
