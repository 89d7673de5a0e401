package io.github.eventsourcing.azure.actuate;

import io.github.eventsourcing.azure.spi.HealthProbe;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The health of every storage connection the stream rules use: each store is probed with one cheap request (see
 * {@link HealthProbe}), all at once and within one timeout, so that a dead endpoint turns the indicator DOWN quickly
 * instead of holding the health endpoint for the SDK's retries.
 *
 * <p>Details name each connection and backend, the rules it serves, its endpoint and response time, or the reason it
 * is DOWN. Nothing secret is shown: probes report no credentials, and error messages are passed through
 * {@link SecretRedaction} (a storage error may quote a URL with a shared access signature).
 */
public final class StorageHealthIndicator implements HealthIndicator, AutoCloseable {

    private static final int MAX_ERROR_LENGTH = 300;

    /**
     * One store to probe.
     *
     * @param connection the connection's name; null for a backend that needs none (in-memory)
     * @param backend    the backend's name, e.g. {@code table}
     * @param rules      the stream rules it serves, e.g. {@code Bank.Account}
     * @param probe      the store's probe; null when the store offers none (its status is then UNKNOWN)
     */
    public record Target(String connection, String backend, List<String> rules, HealthProbe probe) {

        public Target {
            Objects.requireNonNull(backend, "backend");
            rules = List.copyOf(rules);
        }

        /** The key of its details: {@code connection/backend}, or the backend alone when it has no connection. */
        public String name() {
            return connection == null ? backend : connection + "/" + backend;
        }
    }

    private final List<Target> targets;
    private final Duration timeout;
    private final ExecutorService probes;

    /**
     * @param timeout how long the whole check may take; a store that has not answered by then is DOWN
     */
    public StorageHealthIndicator(List<Target> targets, Duration timeout) {
        this.targets = List.copyOf(targets);
        this.timeout = timeout;
        AtomicInteger threads = new AtomicInteger();
        this.probes = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "eventsourcing-health-" + threads.incrementAndGet());
            // A probe stuck in a dead connection must never keep the JVM alive.
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public Health health() {
        if (targets.isEmpty()) {
            return Health.unknown().withDetail("reason", "no stream rule uses a store").build();
        }
        Map<Target, Future<Map<String, Object>>> running = new LinkedHashMap<>();
        for (Target target : targets) {
            if (target.probe() != null) {
                running.put(target, probes.submit(() -> timed(target.probe())));
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Health.Builder health = Health.up();
        boolean anyUp = false;
        for (Target target : targets) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("backend", target.backend());
            if (target.connection() != null) {
                details.put("connection", target.connection());
            }
            details.put("rules", target.rules());
            Status status = target.probe() == null ? Status.UNKNOWN
                    : await(running.get(target), deadline, details);
            details.put("status", status.getCode());
            health.withDetail(target.name(), details);
            if (status == Status.DOWN) {
                health.down();
            }
            anyUp |= status == Status.UP;
        }
        Health built = health.build();
        return built.getStatus() == Status.UP && !anyUp ? Health.unknown().withDetails(built.getDetails()).build()
                : built;
    }

    private Map<String, Object> timed(HealthProbe probe) {
        long started = System.nanoTime();
        Map<String, Object> details = new LinkedHashMap<>(probe.checkHealth(timeout));
        details.put("responseTime", Duration.ofNanos(System.nanoTime() - started).toMillis() + "ms");
        return details;
    }

    private Status await(Future<Map<String, Object>> probe, long deadline, Map<String, Object> details) {
        try {
            Map<String, Object> answer = probe.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            answer.forEach((key, value) -> details.put(key, value instanceof String text
                    ? SecretRedaction.redact(text) : value));
            return Status.UP;
        } catch (TimeoutException e) {
            probe.cancel(true);
            details.put("error", "no answer within " + timeout.toMillis() + "ms");
            return Status.DOWN;
        } catch (ExecutionException e) {
            details.put("error", describe(e.getCause()));
            return Status.DOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            probe.cancel(true);
            details.put("error", "interrupted");
            return Status.DOWN;
        }
    }

    /** The failure's type and the first line of its message, without credentials and cut to a readable length. */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (message == null && failure.getCause() != null) {
            return describe(failure.getCause());
        }
        String text = failure.getClass().getSimpleName();
        if (message != null && !message.isBlank()) {
            String firstLine = message.strip().lines().findFirst().orElse("");
            text += ": " + SecretRedaction.redact(firstLine);
        }
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) + "..." : text;
    }

    @Override
    public void close() {
        probes.shutdownNow();
    }
}
