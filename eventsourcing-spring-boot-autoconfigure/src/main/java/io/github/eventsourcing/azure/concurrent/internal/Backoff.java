package io.github.eventsourcing.azure.concurrent.internal;

import io.github.eventsourcing.azure.stream.EventStoreException;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Growing, jittered pauses between retries: the n-th pause is drawn between {@code low} and {@code high} times
 * {@code first·2^(n-1)}, never longer than {@code max}, in whole milliseconds. The jitter keeps retriers that failed together from
 * colliding again in lockstep. Each use chooses its own limits.
 *
 * @param first the base of the first pause
 * @param max   the longest pause
 * @param low   the shortest pause as a fraction of the base (0 for "full jitter")
 * @param high  the longest pause as a fraction of the base
 */
public record Backoff(Duration first, Duration max, double low, double high) {

    public Backoff {
        if (first.isNegative() || max.compareTo(first) < 0 || low < 0 || high < low) {
            throw new IllegalArgumentException("A back-off needs 0 <= first <= max and 0 <= low <= high, not first="
                    + first + ", max=" + max + ", low=" + low + ", high=" + high);
        }
    }

    /** The pause after the {@code failures}-th failure in a row (1-based). */
    public Duration delay(int failures) {
        long firstNanos = first.toNanos();
        long maxNanos = max.toNanos();
        int doublings = Math.min(Math.max(failures, 1) - 1, 62);
        long base = firstNanos == 0 ? 0
                : doublings >= Long.numberOfLeadingZeros(firstNanos) - 1 ? maxNanos
                : Math.min(maxNanos, firstNanos << doublings);
        double from = base * low;
        double to = base * high;
        double drawn = to > from ? ThreadLocalRandom.current().nextDouble(from, to) : from;
        // Whole milliseconds, the unit pauses are slept and scheduled in: a pause that ends between two
        // milliseconds would outlast the wake-up scheduled for its end.
        return Duration.ofNanos((long) Math.min(maxNanos, drawn)).truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Sleeps for {@link #delay(int)}.
     *
     * @throws EventStoreException when the thread is interrupted while it sleeps (the interrupt is kept)
     */
    public void pause(int failures) {
        try {
            Thread.sleep(delay(failures).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreException("Interrupted while waiting to retry", e);
        }
    }
}
