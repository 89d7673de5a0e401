package io.github.eventsourcing.azure.benchmark;

import java.util.List;
import java.util.Map;

/**
 * The measurements of one case.
 *
 * @param sides          per side, in the case's order
 * @param ratioToRaw     median over the rounds of library / raw (same rows) operations per second, or, in a case
 *                       without a raw side, library / {@link Side#SEQUENTIAL}; NaN without either
 * @param ratioToMinimal the same against the minimal baseline; NaN without one
 * @param ratiosToReference per side but the reference, the median over the rounds of its rate over the
 *                       {@linkplain Side#REFERENCES reference side}'s (the original design, the current transaction);
 *                       empty in a case without one
 * @param problems       lost or duplicated events and the like, over all sides; empty when none
 * @param notes          facts the sides report beside their numbers
 */
record CaseResult(BenchCase benchCase, List<SideResult> sides, Stats ratioToRaw, Stats ratioToMinimal,
                  Map<String, Stats> ratiosToReference, List<String> problems, List<String> notes) {

    /**
     * @param operationsPerSecond    per measured round
     * @param roundTripsPerOperation storage requests per operation, over all measured rounds
     * @param cpuMillisPerOperation  CPU time of this JVM (all its threads, not the emulator's) per operation
     */
    record SideResult(String name, Stats operationsPerSecond, double roundTripsPerOperation,
                      double cpuMillisPerOperation) {
    }

    SideResult library() {
        return sides.get(0);
    }

    SideResult side(String name) {
        return sides.stream().filter(side -> side.name().equals(name)).findFirst().orElseThrow();
    }

    boolean versusReference() {
        return !ratiosToReference.isEmpty();
    }

    /** The side the others are measured against, in a case {@linkplain #versusReference() that has one}. */
    SideResult reference() {
        return sides.stream().filter(side -> !ratiosToReference.containsKey(side.name())).findFirst().orElseThrow();
    }

    boolean ratioMet() {
        double bar = benchCase.bar().minRatio();
        return Double.isNaN(bar) || ratioToRaw.median() >= bar;
    }

    boolean roundTripsMet() {
        double bar = benchCase.bar().maxRoundTrips();
        return Double.isNaN(bar) || library().roundTripsPerOperation() / benchCase.unitsPerOperation() <= bar;
    }

    boolean met() {
        return ratioMet() && roundTripsMet() && problems.isEmpty();
    }
}
