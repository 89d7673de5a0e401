package io.github.eventsourcing.azure.autoconfigure;

import org.springframework.beans.factory.DisposableBean;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The thread that writes projection snapshots off the request thread. A snapshot write is a blocking storage request
 * (as long as the connection's request timeout), so it gets a daemon thread of its own rather than the common
 * fork-join pool, which the application's parallel streams and futures share (one thread on a two-core machine).
 * Snapshots only save work: when writes pile up beyond the queue, further ones are dropped (a later fold writes
 * again) instead of holding memory or the caller. On shutdown, queued writes get a short while to finish.
 *
 * <p>Deliberately not an {@link Executor} bean: one would make Spring Boot's task-execution auto-configuration back
 * off, and {@code @Async} would lose its executor.
 */
final class SnapshotWriting implements DisposableBean {

    static final int QUEUE_CAPACITY = 100;
    static final String THREAD_NAME = "eventsourcing-snapshot-writer";
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final ThreadPoolExecutor thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY), runnable -> {
                Thread writer = new Thread(runnable, THREAD_NAME);
                writer.setDaemon(true);
                return writer;
            }, new ThreadPoolExecutor.DiscardPolicy());

    Executor executor() {
        return thread;
    }

    @Override
    public void destroy() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }
}
