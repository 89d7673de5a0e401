package io.github.eventsourcing.azure.concurrent.internal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@DisplayName("Back-off between retries")
class BackoffTest {

    @Test
    @DisplayName("the pause doubles with each failure up to the maximum, and is drawn within its jitter below that")
    void doublesWithinJitterUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), 0.5, 1.0);

        for (int i = 0; i < 200; i++) {
            assertThat(backoff.delay(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            assertThat(backoff.delay(3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
            assertThat(backoff.delay(4)).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
            assertThat(backoff.delay(5)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
            assertThat(backoff.delay(Integer.MAX_VALUE)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
        }
    }

    @Test
    @DisplayName("jitter is random: pauses after the same number of failures differ")
    void jitterSpreadsRetriers() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 1.0, 1.2);

        assertThat(IntStream.range(0, 20).mapToObj(i -> backoff.delay(2)).distinct().count()).isGreaterThan(1);
        assertThat(IntStream.range(0, 200).mapToObj(i -> backoff.delay(2)))
                .allSatisfy(delay -> assertThat(delay).isBetween(Duration.ofSeconds(2), Duration.ofMillis(2400)));
    }

    @Test
    @DisplayName("pauses are whole milliseconds, so that a wake-up scheduled in milliseconds never comes before the end")
    void wholeMilliseconds() {
        Backoff backoff = new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), 1.0, 1.2);

        assertThat(IntStream.range(0, 200).mapToObj(i -> backoff.delay(1 + i % 5)))
                .allSatisfy(delay -> assertThat(delay.toNanos() % 1_000_000).isZero());
    }

    @Test
    @DisplayName("limits that cannot work are refused")
    void refusesImpossibleLimits() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1),
                0, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2),
                1, 0.5));
    }
}
