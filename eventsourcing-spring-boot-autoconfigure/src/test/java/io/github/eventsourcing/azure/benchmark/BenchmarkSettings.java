package io.github.eventsourcing.azure.benchmark;

import java.time.Duration;

/**
 * Sizes of one benchmark run.
 *
 * @param warmUpRun           whether a smoke run of every case comes first, unmeasured: the JIT compiler then has
 *                            compiled the code every case shares before any case is measured
 * @param warmUpRounds        rounds run before measuring (JIT, connection pools, the emulator's first tables), at least
 * @param warmUpSeconds       and for at least this long per case
 * @param rounds              measured rounds (at least 5 for the full run)
 * @param appends             single-event appends per side and round: a few milliseconds each, so a round of a few
 *                            hundred keeps the ratio of one round from hanging on a handful of slow requests
 * @param bulkEvents          events of one bulk append
 * @param bulkAppends         bulk appends per side and round: enough that one slow request of the emulator (a
 *                            bulk append is 20-odd of them) does not decide a round's ratio
 * @param projectedEvents     length of the stream the read cases fold
 * @param projections         folds per side and round
 * @param writers             concurrent writers on one stream
 * @param eventsPerWriter     events each writer appends per operation
 * @param snapshotStream      length of the stream folded from a snapshot
 * @param snapshotBehind      how far behind its end the snapshot is
 * @param snapshotFolds       folds from a snapshot per round
 * @param transfers           two-step transfer commands per round, each run to its end before the next starts
 * @param latency             the simulated round trip added to every request of every side; zero for none
 * @param fanOutAccounts      the accounts accrue-all runs over (fan-out command against the sequential loop)
 */
record BenchmarkSettings(boolean warmUpRun, int warmUpRounds, int warmUpSeconds, int rounds, int appends, int bulkEvents, int bulkAppends,
                         int projectedEvents, int projections, int writers, int eventsPerWriter, int snapshotStream,
                         int snapshotBehind, int snapshotFolds, int transfers, Duration latency,
                         int fanOutAccounts) {

    /** The run README documents: about 5-10 minutes on 2 cores shared with Azurite. */
    static final BenchmarkSettings FULL = new BenchmarkSettings(true, 2, 10, 15, 400, 1_000, 8, 10_000, 3, 8, 25,
            100_000, 100, 10, 10, Duration.ZERO, 1_000);

    /** The run of the default test suite: every case, tiny, to keep the harness from rotting. */
    static final BenchmarkSettings SMOKE = new BenchmarkSettings(false, 1, 0, 2, 5, 120, 1, 450, 1, 8, 3, 1_000, 100,
            2, 2, Duration.ZERO, 30);

    /**
     * These sizes with every request delayed by a simulated round trip. Single appends then take milliseconds each,
     * so a round of a quarter as many still outlasts a few slow requests, and the run stays near its length on
     * loopback.
     */
    BenchmarkSettings withLatency(Duration value) {
        int appendsPerRound = value.isZero() ? appends : Math.max(1, appends / 4);
        return new BenchmarkSettings(warmUpRun, warmUpRounds, warmUpSeconds, rounds, appendsPerRound,
                bulkEvents, bulkAppends, projectedEvents, projections, writers, eventsPerWriter, snapshotStream,
                snapshotBehind, snapshotFolds, transfers, value, fanOutAccounts);
    }
}
