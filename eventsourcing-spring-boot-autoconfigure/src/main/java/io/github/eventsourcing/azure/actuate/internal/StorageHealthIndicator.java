package io.github.eventsourcing.azure.actuate.internal;

import io.github.eventsourcing.azure.spi.HealthProbe;
import io.github.eventsourcing.azure.concurrent.internal.EventSourcingExecutors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The health of every storage connection the stream rules use: each store is probed with one cheap request (see
 * {@link HealthProbe}), all at once and within one timeout, so that a dead endpoint turns the indicator DOWN quickly
 * instead of holding the health endpoint for the SDK's retries (a hung Table endpoint keeps a request busy for
 * minutes, whatever timeout the request was given).
 *
 * <p>A probe that is still running when the next check comes is waited for again rather than started twice, so a hung
 * endpoint holds at most one thread per store, however often the health endpoint is polled.
 *
 * <p>The check at start-up ({@link #checkAndLog()}) is patient: the storage SDK's very first request sets up its HTTP
 * client and can take seconds on a busy machine, which must not be reported as a connection that does not work. Each
 * probe may take that long too, so that the SDK never has to give up (and interrupt, and log an error) while a check
 * merely stopped waiting.
 *
 * <p>Details name each connection and backend, the rules it serves, its endpoint and response time, or the reason it
 * is DOWN. Nothing secret is shown: probes report no credentials, and error messages are passed through
 * {@link SecretRedaction} (a storage error may quote a URL with a shared access signature).
 */
public final class StorageHealthIndicator implements HealthIndicator, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StorageHealthIndicator.class);
    private static final int MAX_ERROR_LENGTH = 300;

    /**
     * How long the check at start-up waits, and each probe may take: as long as Azure storage takes to answer by design
     * (and the connections' default request timeout).
     */
    static final Duration STARTUP_PATIENCE = Duration.ofSeconds(30);

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

    /** A probe request under way. */
    private record Probing(CompletableFuture<Map<String, Object>> answer, long startedNanos) {
    }

    private final List<Target> targets;
    private final Duration timeout;
    private final Duration patience;
    private final ExecutorService threads;
    private final Map<String, Probing> probing = new ConcurrentHashMap<>();

    /**
     * With threads of its own (outside an application context), ended by {@link #close}.
     *
     * @param timeout how long one check may take; a store that has not answered by then is DOWN
     */
    public StorageHealthIndicator(List<Target> targets, Duration timeout) {
        this(targets, timeout, new EventSourcingExecutors());
    }

    public StorageHealthIndicator(List<Target> targets, Duration timeout, EventSourcingExecutors executors) {
        this.targets = List.copyOf(targets);
        this.timeout = timeout;
        this.patience = timeout.compareTo(STARTUP_PATIENCE) > 0 ? timeout : STARTUP_PATIENCE;
        this.threads = executors.cached("health-");
    }

    /** {@link #checkAndLog} on one of the probes' threads, so that the caller does not wait. */
    public void checkAndLogInBackground() {
        threads.execute(this::checkAndLog);
    }

    @Override
    public Health health() {
        return check(timeout);
    }

    private Health check(Duration wait) {
        if (targets.isEmpty()) {
            return Health.unknown().withDetail("reason", "no stream rule uses a store").build();
        }
        Map<Target, Probing> running = new LinkedHashMap<>();
        targets.stream().filter(target -> target.probe() != null)
                .forEach(target -> running.put(target, probe(target)));
        long deadline = System.nanoTime() + wait.toNanos();
        Health.Builder health = Health.up();
        boolean anyUp = false;
        for (Target target : targets) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("backend", target.backend());
            if (target.connection() != null) {
                details.put("connection", target.connection());
            }
            details.put("rules", target.rules());
            Status status = target.probe() == null ? Status.UNKNOWN : await(running.get(target), wait, deadline, details);
            details.put("status", status.getCode());
            health.withDetail(target.name(), details);
            if (status == Status.DOWN) {
                health.down();
            }
            anyUp |= status == Status.UP;
        }
        Health built = health.build();
        return built.getStatus() == Status.UP && !anyUp
                ? Health.unknown().withDetails(built.getDetails()).build() : built;
    }

    /**
     * Checks every connection once, waiting for each answer up to {@link #STARTUP_PATIENCE} rather than the timeout,
     * and logs a warning for each one that is not reachable: at start-up this warns early, and it gets the storage
     * SDK's first-request set-up (seconds) out of the way of the first health check.
     */
    public Health checkAndLog() {
        Health health = check(patience);
        health.getDetails().forEach((name, value) -> {
            if (value instanceof Map<?, ?> details && Status.DOWN.getCode().equals(details.get("status"))) {
                log.warn("Event store connection '{}' is not healthy: {}", name, details.get("error"));
            }
        });
        return health;
    }

    /** The probe of the target that is under way, or a new one when none is. */
    private Probing probe(Target target) {
        return probing.compute(target.name(), (name, current) -> current != null && !current.answer().isDone()
                ? current
                : new Probing(CompletableFuture.supplyAsync(() -> timed(target.probe()), threads), System.nanoTime()));
    }

    private Map<String, Object> timed(HealthProbe probe) {
        long started = System.nanoTime();
        Map<String, Object> details = new LinkedHashMap<>(probe.checkHealth(patience));
        details.put("responseTime", Duration.ofNanos(System.nanoTime() - started).toMillis() + "ms");
        return details;
    }

    private Status await(Probing probe, Duration wait, long deadline, Map<String, Object> details) {
        try {
            Map<String, Object> answer = probe.answer().get(Math.max(0, deadline - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
            answer.forEach((key, value) -> details.put(key, value instanceof String text
                    ? SecretRedaction.redact(text) : value));
            return Status.UP;
        } catch (TimeoutException e) {
            long runningMillis = Duration.ofNanos(System.nanoTime() - probe.startedNanos()).toMillis();
            details.put("error", "no answer within " + wait.toMillis() + "ms"
                    + (runningMillis > wait.toMillis() * 2 ? " (probe running for " + runningMillis + "ms)" : ""));
            return Status.DOWN;
        } catch (ExecutionException e) {
            details.put("error", describe(e.getCause()));
            return Status.DOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    /**
     * Starts no more probes. One under way is left to finish (its thread is a daemon, and the client's request timeout
     * bounds it): interrupting the storage SDK in a request makes it log errors for a shutdown.
     */
    @Override
    public void close() {
        threads.shutdown();
    }
}
