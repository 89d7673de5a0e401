package io.github.eventsourcing.azure.benchmark;

import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionName;
import io.github.eventsourcing.azure.projection.Snapshots;
import io.github.eventsourcing.azure.stream.EventName;

/** The event every case writes, and the projections that fold it. */
final class BenchEvents {

    static final String NAME = "Money Deposited";

    private BenchEvents() {
    }

    /** A typical small event: about 80 bytes of JSON. */
    @EventName(NAME)
    record MoneyDeposited(String account, long amountCents, String reference) {
    }

    static MoneyDeposited deposit(long n) {
        return new MoneyDeposited("ACC-000042", 100 + n % 1_000, "transfer " + n);
    }

    /** Fails a case whose fold did not see exactly the events written: a benchmark of a wrong answer is worthless. */
    static void requireFold(long deposits, long cents, long expectedDeposits, long expectedCents) {
        if (deposits != expectedDeposits || cents != expectedCents) {
            throw new IllegalStateException("the fold saw " + deposits + " deposits of " + cents + " cents, expected "
                    + expectedDeposits + " of " + expectedCents);
        }
    }

    /** The fold every read case computes, the raw sides by hand. */
    @ProjectionName("Benchmark Balance")
    static class Balance {
        long cents;
        long deposits;

        @EventHandler
        void on(MoneyDeposited event) {
            cents += event.amountCents();
            deposits++;
        }
    }

    /** The same fold, keeping a snapshot every 100 events. */
    @ProjectionName("Benchmark Balance")
    @Snapshots(every = 100)
    static class SnapshottedBalance extends Balance {
    }
}
