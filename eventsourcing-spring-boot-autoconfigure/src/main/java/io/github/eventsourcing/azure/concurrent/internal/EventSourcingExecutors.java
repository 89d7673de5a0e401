package io.github.eventsourcing.azure.concurrent.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The library's own threads: every executor the library runs work on is built here, with daemon threads named
 * {@code eventsourcing-...}, and shut down with it, when the application context closes. Deliberately not Spring
 * Boot's shared task scheduler: it has one thread, and applications run long jobs on it, behind which a snapshot
 * write, a notification retry or a health probe would wait. Deliberately not an {@code Executor} bean either: one
 * would make Spring Boot's task-execution auto-configuration back off, and {@code @Async} would lose its executor.
 *
 * <p>The components that use an executor end their work on it first, in their own order (the dispatcher stops,
 * the best-effort publisher flushes); {@link #close} then ends whatever is left, waiting a short while for it.
 */
public final class EventSourcingExecutors implements AutoCloseable {

    /** The prefix of every thread the library starts. */
    public static final String THREAD_PREFIX = "eventsourcing-";

    private static final Logger log = LoggerFactory.getLogger(EventSourcingExecutors.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final List<ExecutorService> executors = new ArrayList<>();
    private boolean closed;

    /**
     * One thread, working through a bounded queue in order.
     *
     * @param name     the thread's name after the prefix
     * @param whenFull what happens to work that finds the queue full
     */
    public ThreadPoolExecutor singleThread(String name, int queueCapacity, RejectedExecutionHandler whenFull) {
        return register(new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity),
                threads(name, false), whenFull));
    }

    /** A fixed number of threads, named {@code eventsourcing-<name>1}, {@code 2}, ... */
    public ExecutorService fixed(String name, int threads) {
        return register(Executors.newFixedThreadPool(threads, threads(name, true)));
    }

    /** Threads made as needed and ended after a minute idle, named {@code eventsourcing-<name>1}, {@code 2}, ... */
    public ExecutorService cached(String name) {
        return register(Executors.newCachedThreadPool(threads(name, true)));
    }

    /** One thread that runs work at given times. */
    public ScheduledExecutorService scheduler(String name) {
        return register(Executors.newSingleThreadScheduledExecutor(threads(name, false)));
    }

    private synchronized <E extends ExecutorService> E register(E executor) {
        if (closed) {
            executor.shutdownNow();
            throw new IllegalStateException("The event sourcing executors are closed");
        }
        executors.add(executor);
        return executor;
    }

    /** Shuts every executor down, lets running work finish for up to 5 s, then interrupts it. */
    @Override
    public void close() {
        List<ExecutorService> all;
        synchronized (this) {
            closed = true;
            all = List.copyOf(executors);
            executors.clear();
        }
        all.forEach(ExecutorService::shutdown);
        long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        try {
            for (ExecutorService executor : all) {
                if (!executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    log.warn("Work of the event sourcing library was still running after {} s; interrupting it",
                            SHUTDOWN_GRACE.toSeconds());
                    executor.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            all.forEach(ExecutorService::shutdownNow);
            Thread.currentThread().interrupt();
        }
    }

    /** Daemon threads: a probe stuck in a dead connection or a queued write must never keep the JVM alive. */
    private static ThreadFactory threads(String name, boolean numbered) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, THREAD_PREFIX + name + (numbered ? count.incrementAndGet() : ""));
            thread.setDaemon(true);
            return thread;
        };
    }
}
