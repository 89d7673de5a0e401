package io.github.eventsourcing.azure.readmodel.internal;

import io.github.eventsourcing.azure.actuate.internal.DeadLetterDetails;
import io.github.eventsourcing.azure.spi.DeadLetter;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The read models' lag: the age of the oldest change this instance knows is not yet in the rows (a stream being
 * applied, or held behind a dead letter), the models and where their rows are, and the read model dead letters. UP
 * whatever it finds, like the commands indicator: a lag or a dead letter is a detail to look into, not a reason to
 * stop sending traffic (rows are eventually consistent by design).
 */
public final class ReadModelsHealthIndicator extends AbstractHealthIndicator {

    private final ReadModelUpdater updater;
    private final Supplier<List<DeadLetter>> deadLetters;
    private final Clock clock;

    /** @param deadLetters the read model dead letters */
    public ReadModelsHealthIndicator(ReadModelUpdater updater, Supplier<List<DeadLetter>> deadLetters, Clock clock) {
        super("Reading the read models' state failed");
        this.updater = updater;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up().withDetail("models", updater.describe())
                .withDetail("oldestUnappliedAge", updater.lag(clock).toMillis() + "ms")
                .withDetails(DeadLetterDetails.of(deadLetters));
    }
}
