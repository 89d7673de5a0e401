package io.github.eventsourcing.azure.autoconfigure;

import io.github.eventsourcing.azure.concurrent.internal.EventSourcingExecutors;
import org.springframework.beans.factory.DisposableBean;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The thread that writes projection snapshots off the request thread. A snapshot write is a blocking storage request
 * (as long as the connection's request timeout), so it gets a daemon thread of its own rather than the common
 * fork-join pool, which the application's parallel streams and futures share (one thread on a two-core machine); it
 * is one of the library's {@link EventSourcingExecutors}.
 * Snapshots only save work: when writes pile up beyond the queue, further ones are dropped (a later fold writes
 * again) instead of holding memory or the caller. On shutdown, queued writes get a short while to finish.
 *
 * <p>Deliberately not an {@link Executor} bean: one would make Spring Boot's task-execution auto-configuration back
 * off, and {@code @Async} would lose its executor.
 */
final class SnapshotWriting implements DisposableBean {

    static final int QUEUE_CAPACITY = 100;
    private static final String THREAD = "snapshot-writer";
    static final String THREAD_NAME = EventSourcingExecutors.THREAD_PREFIX + THREAD;
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final ThreadPoolExecutor thread;

    /** With a thread of its own (outside an application context), ended by {@link #destroy}. */
    SnapshotWriting() {
        this(new EventSourcingExecutors());
    }

    SnapshotWriting(EventSourcingExecutors executors) {
        this.thread = executors.singleThread(THREAD, QUEUE_CAPACITY, new ThreadPoolExecutor.DiscardPolicy());
    }

    Executor executor() {
        return thread;
    }

    @Override
    public void destroy() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }
}
