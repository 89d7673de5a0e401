package io.github.eventsourcing.azure.benchmark;

import java.util.List;

/**
 * One benchmark case: its sides, measured interleaved, and the bar the library must reach.
 *
 * @param id                  a short token for the machine-readable lines, e.g. {@code table-append-known}
 * @param title               what is measured, for people
 * @param work                what each side writes or reads per operation (rows, blocks, round trips)
 * @param sides               the library first, then the raw baselines (none for library-only cases); against the
 *                            original design, one side per way of appending with the library, the original last
 * @param operationsPerRound  operations each side runs per round
 * @param eventsPerOperation  events one operation writes or reads, to show events/s beside operations/s
 * @param perEvent            whether rates and round trips are reported per event rather than per operation (an
 *                            operation of many writers at once is no unit anyone asks about)
 * @param unit                what a rate counts: {@code op}, or with {@code perEvent} {@code event} or another part
 *                            of an operation, such as a command's {@code step}
 * @param bar                 what the library must reach on this machine
 */
record BenchCase(String id, String title, List<String> work, List<Side> sides, int operationsPerRound,
                 int eventsPerOperation, boolean perEvent, String unit, Bar bar) {

    BenchCase(String id, String title, List<String> work, List<Side> sides, int operationsPerRound,
              int eventsPerOperation, boolean perEvent, Bar bar) {
        this(id, title, work, sides, operationsPerRound, eventsPerOperation, perEvent, perEvent ? "event" : "op", bar);
    }

    /** Operations, or events when {@link #perEvent}, per operation. */
    int unitsPerOperation() {
        return perEvent ? eventsPerOperation : 1;
    }

    Side library() {
        return sides.get(0);
    }

    /**
     * The bar of a case.
     *
     * @param minRatio         lowest library / raw (same rows) ratio of operations per second; NaN when there is none
     * @param maxRoundTrips    most storage round trips per library operation (per event or step when the case
     *                         reports per event or step); NaN when unbounded
     */
    record Bar(double minRatio, double maxRoundTrips) {

        static Bar of(double minRatio, double maxRoundTrips) {
            return new Bar(minRatio, maxRoundTrips);
        }

        static Bar ratio(double minRatio) {
            return new Bar(minRatio, Double.NaN);
        }

        static Bar roundTrips(double maxRoundTrips) {
            return new Bar(Double.NaN, maxRoundTrips);
        }

        static Bar none() {
            return new Bar(Double.NaN, Double.NaN);
        }

        String describe() {
            StringBuilder text = new StringBuilder();
            if (!Double.isNaN(minRatio)) {
                text.append("ratio >= ").append(String.format("%.2f", minRatio));
            }
            if (!Double.isNaN(maxRoundTrips)) {
                text.append(text.isEmpty() ? "" : ", ").append("<= ").append((long) maxRoundTrips).append(" round trip")
                        .append(maxRoundTrips == 1 ? "" : "s");
            }
            return text.isEmpty() ? "0 lost or duplicated" : text.toString();
        }
    }
}
