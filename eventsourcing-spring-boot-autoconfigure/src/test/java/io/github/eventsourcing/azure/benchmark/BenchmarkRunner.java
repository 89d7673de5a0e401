package io.github.eventsourcing.azure.benchmark;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a case round by round: in each round every side runs the same number of operations, the sides taking turns in
 * short slices, so that a slow phase of the machine (or of the emulator's growing tables) hits every side alike. Only
 * the operations are timed, and only their requests counted.
 */
final class BenchmarkRunner {

    private static final int SLICES_PER_ROUND = 20;

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final int warmUpRounds;
    private final long warmUpNanos;
    private final int measuredRounds;
    private final PrintStream progress;

    /**
     * @param warmUpRounds   rounds before measuring, at least
     * @param warmUpSeconds  and at least this long: the JIT compiler needs thousands of operations before the
     *                       library's code (and the SDK's) runs at its steady speed
     */
    BenchmarkRunner(int warmUpRounds, int warmUpSeconds, int measuredRounds, PrintStream progress) {
        this.warmUpRounds = warmUpRounds;
        this.warmUpNanos = warmUpSeconds * 1_000_000_000L;
        this.measuredRounds = measuredRounds;
        this.progress = progress;
    }

    CaseResult run(BenchCase benchCase) {
        List<Side> sides = benchCase.sides();
        int n = sides.size();
        List<List<Double>> rates = new ArrayList<>();
        long[] roundTrips = new long[n];
        long[] cpuNanos = new long[n];
        sides.forEach(side -> rates.add(new ArrayList<>()));
        long warmUpStarted = System.nanoTime();
        int round = 0;
        while (round < warmUpRounds || System.nanoTime() - warmUpStarted < warmUpNanos) {
            runRound(sides, benchCase.operationsPerRound(), round++);
        }
        progress.printf("%s: %d warm-up rounds (%.0f s), now %d measured rounds of %d operation(s) per side%n",
                benchCase.id(), round, (System.nanoTime() - warmUpStarted) / 1e9, measuredRounds,
                benchCase.operationsPerRound());
        for (int measured = 0; measured < measuredRounds; measured++) {
            Tally[] tallies = runRound(sides, benchCase.operationsPerRound(), round++);
            for (int i = 0; i < n; i++) {
                rates.get(i).add(tallies[i].operations * 1e9 / tallies[i].nanos);
                roundTrips[i] += tallies[i].roundTrips;
                cpuNanos[i] += tallies[i].cpuNanos;
            }
        }
        List<CaseResult.SideResult> results = new ArrayList<>();
        long operations = (long) measuredRounds * benchCase.operationsPerRound();
        for (int i = 0; i < n; i++) {
            results.add(new CaseResult.SideResult(sides.get(i).name(), Stats.of(rates.get(i)),
                    (double) roundTrips[i] / operations, cpuNanos[i] / 1e6 / operations));
        }
        List<String> problems = sides.stream().flatMap(side -> side.problems().stream()).toList();
        List<String> notes = sides.stream().flatMap(side -> side.notes().stream()).toList();
        int library = 0;
        int reference = Side.REFERENCES.stream().mapToInt(name -> indexOf(sides, name)).filter(i -> i >= 0)
                .findFirst().orElse(-1);
        Map<String, Stats> ratiosToReference = new LinkedHashMap<>();
        for (int i = 0; reference >= 0 && i < n; i++) {
            if (i != reference) {
                ratiosToReference.put(sides.get(i).name(), pairedRatio(rates, i, reference));
            }
        }
        int raw = indexOf(sides, Side.RAW) >= 0 ? indexOf(sides, Side.RAW) : indexOf(sides, Side.SEQUENTIAL);
        return new CaseResult(benchCase, results, pairedRatio(rates, library, raw),
                pairedRatio(rates, library, indexOf(sides, Side.MINIMAL)), ratiosToReference, problems, notes);
    }

    private static int indexOf(List<Side> sides, String name) {
        for (int i = 0; i < sides.size(); i++) {
            if (sides.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Time, operations, requests and CPU time of this JVM of one side in one round. */
    private static final class Tally {
        long nanos;
        long operations;
        long roundTrips;
        long cpuNanos;
    }

    /**
     * One round, cut into up to {@value #SLICES_PER_ROUND} slices: the sides take turns slice by slice, the first
     * side changing from slice to slice and round to round, so that the load of the machine (shared with the emulator
     * and anything else running) changes under every side alike.
     */
    private static Tally[] runRound(List<Side> sides, int operations, int round) {
        int n = sides.size();
        Tally[] tallies = new Tally[n];
        for (int i = 0; i < n; i++) {
            tallies[i] = new Tally();
        }
        int slices = Math.min(SLICES_PER_ROUND, operations);
        for (int slice = 0; slice < slices; slice++) {
            int sliceOperations = operations / slices + (slice < operations % slices ? 1 : 0);
            for (int k = 0; k < n; k++) {
                int index = (round + slice + k) % n;
                runSlice(sides.get(index), sliceOperations, tallies[index]);
            }
        }
        return tallies;
    }

    private static void runSlice(Side side, int operations, Tally tally) {
        for (int i = 0; i < operations; i++) {
            side.beforeOperation();
            long requestsBefore = side.roundTrips().count();
            long cpuBefore = OS.getProcessCpuTime();
            long start = System.nanoTime();
            try {
                side.operation();
            } catch (Exception e) {
                throw new IllegalStateException(side.name() + " failed: " + e.getMessage(), e);
            }
            tally.nanos += System.nanoTime() - start;
            tally.cpuNanos += OS.getProcessCpuTime() - cpuBefore;
            tally.roundTrips += side.roundTrips().count() - requestsBefore;
            tally.operations++;
            side.afterOperation();
        }
    }

    /** One side's rate over another's, round by round (they ran back to back); no ratio without the other side. */
    private static Stats pairedRatio(List<List<Double>> rates, int side, int other) {
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; other >= 0 && round < rates.get(side).size(); round++) {
            ratios.add(rates.get(side).get(round) / rates.get(other).get(round));
        }
        return Stats.of(ratios);
    }
}
