package io.github.eventsourcing.azure.demo.bank.account;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Read-your-writes for lists answered from a read model: waits, briefly, until every change this instance made
 * before a moment is in the rows. A client that opens an account and then lists the accounts finds it there.
 *
 * <p>The library reports how long its oldest unapplied change has waited (the {@value #LAG_GAUGE} gauge, also in
 * health), but has no call that waits for "every change until now"; {@code ReadModels.await} waits for one known
 * write. So this reads the gauge: the oldest unapplied change is {@code now - lag} old, and once that is after the
 * moment (or nothing waits), every earlier change of this instance is applied. Changes made by other instances are
 * eventually consistent, as the read model is.
 */
final class ReadYourWrites {

    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);

    static final String LAG_GAUGE = "eventsourcing.readmodel.lag";
    /** Longer than a healthy lag (milliseconds), short enough that a stuck model does not stall the list. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(2);
    private static final long RECHECK_MILLIS = 5;

    private final ObjectProvider<MeterRegistry> registry;
    private final Clock clock = Clock.systemUTC();

    ReadYourWrites(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    /** Waits until the changes of this instance made before {@code since} are applied, or {@link #MAX_WAIT}. */
    void awaitChangesBefore(Instant since) {
        MeterRegistry meters = registry.getIfAvailable();
        Gauge lag = meters == null ? null : meters.find(LAG_GAUGE).gauge();
        if (lag == null) {
            return; // no metrics: eventually consistent only
        }
        Instant deadline = since.plus(MAX_WAIT);
        while (true) {
            Instant now = clock.instant();
            double seconds = lag.value();
            if (seconds <= 0 || now.minusNanos((long) (seconds * 1e9)).isAfter(since)) {
                return;
            }
            if (now.isAfter(deadline)) {
                log.debug("The accounts read model still lags {} s; answering from the rows as they are", seconds);
                return;
            }
            try {
                Thread.sleep(RECHECK_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
