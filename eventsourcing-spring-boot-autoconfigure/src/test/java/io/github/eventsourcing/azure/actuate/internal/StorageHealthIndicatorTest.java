package io.github.eventsourcing.azure.actuate.internal;

import io.github.eventsourcing.azure.actuate.internal.StorageHealthIndicator.Target;
import io.github.eventsourcing.azure.memory.internal.InMemoryEventStore;
import io.github.eventsourcing.azure.spi.HealthProbe;
import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("StorageHealthIndicator")
@ExtendWith(OutputCaptureExtension.class)
class StorageHealthIndicatorTest {

    private final List<StorageHealthIndicator> indicators = new ArrayList<>();
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void close() {
        never.countDown();
        indicators.forEach(StorageHealthIndicator::close);
    }

    @Test
    @DisplayName("is UP with each store's details, rules and response time when every probe answers")
    void up() {
        Health health = indicator(Duration.ofSeconds(2),
                new Target(null, "in-memory", List.of("Test.ALL"), new InMemoryEventStore()),
                new Target("archive", "append-blob", List.of("ALL.ALL"),
                        timeout -> Map.of("endpoint", "http://127.0.0.1:1/devstoreaccount1"))).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(details(health, "in-memory")).containsEntry("status", "UP").containsEntry("backend", "in-memory")
                .containsEntry("rules", List.of("Test.ALL")).containsKey("responseTime").doesNotContainKey("connection");
        assertThat(details(health, "archive/append-blob")).containsEntry("status", "UP")
                .containsEntry("connection", "archive").containsEntry("endpoint", "http://127.0.0.1:1/devstoreaccount1");
    }

    @Test
    @DisplayName("is DOWN when one probe fails, naming the failure without the credentials its message held")
    void downWithoutSecrets() {
        HealthProbe refused = timeout -> {
            throw new IllegalStateException("Status code 403, https://prod.table.core.windows.net/Tables?sig=s3cr3t "
                    + "with AccountKey=" + Azurite.KEY + "\nsecond line");
        };
        Health health = indicator(Duration.ofSeconds(2),
                new Target(null, "in-memory", List.of("Test.ALL"), new InMemoryEventStore()),
                new Target("default", "table", List.of("ALL.ALL"), refused)).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(details(health, "in-memory")).containsEntry("status", "UP");
        assertThat(details(health, "default/table")).containsEntry("status", "DOWN")
                .containsEntry("error", "IllegalStateException: Status code 403, "
                        + "https://prod.table.core.windows.net/Tables?(redacted) with AccountKey=(redacted)");
        assertThat(health.toString()).doesNotContain(Azurite.KEY).doesNotContain("s3cr3t").doesNotContain("second line");
    }

    @Test
    @DisplayName("is DOWN within its timeout when stores do not answer, probing them all at once")
    void downOnTimeout() {
        HealthProbe hanging = timeout -> {
            awaitQuietly(never);
            return Map.of();
        };
        StorageHealthIndicator indicator = indicator(Duration.ofMillis(400),
                new Target("one", "table", List.of("A.ALL"), hanging),
                new Target("two", "table", List.of("B.ALL"), hanging),
                new Target("three", "append-blob", List.of("C.ALL"), hanging));

        long started = System.nanoTime();
        Health health = indicator.health();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(details(health, "two/table")).containsEntry("error", "no answer within 400ms");
        assertThat(took).isLessThan(Duration.ofMillis(1000));
    }

    @Test
    @DisplayName("waits again for a probe still under way instead of starting a second one")
    void oneProbeAtATime() {
        AtomicInteger started = new AtomicInteger();
        HealthProbe hanging = timeout -> {
            started.incrementAndGet();
            awaitQuietly(never);
            return Map.of();
        };
        StorageHealthIndicator indicator = indicator(Duration.ofMillis(100),
                new Target("default", "table", List.of("ALL.ALL"), hanging));

        for (int check = 0; check < 5; check++) {
            assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        }

        assertThat(started).hasValue(1);
        assertThat(details(indicator.health(), "default/table").get("error").toString())
                .startsWith("no answer within 100ms (probe running for ");
    }

    @Test
    @DisplayName("starts a new probe once the previous one has answered, so a recovered store turns UP again")
    void recovers() {
        AtomicBoolean reachable = new AtomicBoolean(false);
        HealthProbe flaky = timeout -> {
            if (!reachable.get()) {
                throw new IllegalStateException("Connection refused");
            }
            return Map.of();
        };
        StorageHealthIndicator indicator = indicator(Duration.ofSeconds(1),
                new Target("default", "table", List.of("ALL.ALL"), flaky));

        assertThat(indicator.checkAndLog().getStatus()).isEqualTo(Status.DOWN);
        reachable.set(true);
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    @DisplayName("at start-up waits for a slow first answer beyond its timeout, and warns of nothing")
    void patientAtStartup(CapturedOutput output) {
        AtomicReference<Duration> given = new AtomicReference<>();
        HealthProbe coldFirstRequest = timeout -> {
            given.set(timeout);
            sleepQuietly(Duration.ofMillis(600));
            return Map.of();
        };
        StorageHealthIndicator indicator = indicator(Duration.ofMillis(200),
                new Target("local", "table", List.of("ALL.ALL"), coldFirstRequest));

        assertThat(indicator.checkAndLog().getStatus()).isEqualTo(Status.UP);
        assertThat(output.getAll()).doesNotContain("not healthy");
        // The SDK is never asked to give up before the start-up check would: giving up interrupts it, and it logs errors.
        assertThat(given.get()).isEqualTo(StorageHealthIndicator.STARTUP_PATIENCE);
    }

    @Test
    @DisplayName("at start-up warns of a store that refuses, naming it and the reason")
    void warnsAtStartup(CapturedOutput output) {
        HealthProbe refused = timeout -> {
            throw new IllegalStateException("Connection refused");
        };

        indicator(Duration.ofSeconds(1), new Target("local", "table", List.of("ALL.ALL"), refused)).checkAndLog();

        assertThat(output.getAll()).contains("Event store connection 'local/table' is not healthy: "
                + "IllegalStateException: Connection refused");
    }

    @Test
    @DisplayName("when closed, lets a probe under way finish instead of interrupting the storage SDK in its request")
    void closeDoesNotInterrupt() throws InterruptedException {
        CountDownLatch probing = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        HealthProbe slow = timeout -> {
            probing.countDown();
            sleepQuietly(Duration.ofMillis(300));
            interrupted.set(Thread.currentThread().isInterrupted());
            finished.countDown();
            return Map.of();
        };
        StorageHealthIndicator indicator = indicator(Duration.ofMillis(50),
                new Target("local", "table", List.of("ALL.ALL"), slow));

        indicator.health();
        assertThat(probing.await(5, TimeUnit.SECONDS)).isTrue();
        indicator.close();

        assertThat(finished.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).isFalse();
    }

    @Test
    @DisplayName("reports a store without a probe as UNKNOWN, and is UNKNOWN when no store could be probed")
    void unknown() {
        Target unprobed = new Target("default", "custom", List.of("ALL.ALL"), null);

        Health alone = indicator(Duration.ofSeconds(1), unprobed).health();
        Health withOthers = indicator(Duration.ofSeconds(1), unprobed,
                new Target(null, "in-memory", List.of("Test.ALL"), new InMemoryEventStore())).health();

        assertThat(alone.getStatus()).isEqualTo(Status.UNKNOWN);
        assertThat(details(alone, "default/custom")).containsEntry("status", "UNKNOWN");
        assertThat(withOthers.getStatus()).isEqualTo(Status.UP);
    }

    @Test
    @DisplayName("describes a failure by its type and the first line of its message, or of its cause's")
    void describe() {
        assertThat(StorageHealthIndicator.describe(new RuntimeException(new java.net.ConnectException("Connection refused"))))
                .isEqualTo("RuntimeException: java.net.ConnectException: Connection refused");
        assertThat(StorageHealthIndicator.describe(new RuntimeException(null, new java.net.ConnectException("refused"))))
                .isEqualTo("ConnectException: refused");
        assertThat(StorageHealthIndicator.describe(new IllegalStateException("x".repeat(1000)))).hasSize(303);
    }

    private StorageHealthIndicator indicator(Duration timeout, Target... targets) {
        StorageHealthIndicator indicator = new StorageHealthIndicator(List.of(targets), timeout);
        indicators.add(indicator);
        return indicator;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Health health, String target) {
        return (Map<String, Object>) health.getDetails().get(target);
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
