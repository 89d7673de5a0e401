package io.github.eventsourcing.azure.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The results as people read them (a Markdown table and details) and as machines read them ({@code BENCH} lines). */
final class BenchmarkReport {

    private final List<CaseResult> results;
    private final List<String> header;

    BenchmarkReport(List<String> header, List<CaseResult> results) {
        this.header = List.copyOf(header);
        this.results = List.copyOf(results);
    }

    String text() {
        StringBuilder out = new StringBuilder();
        header.forEach(line -> out.append(line).append('\n'));
        out.append('\n')
                .append("| case | library | raw, same rows | raw, minimal | library / raw | library / minimal "
                        + "| round trips (library / raw / minimal) | bar | met |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (CaseResult result : results) {
            BenchCase c = result.benchCase();
            if (result.versusReference()) {
                continue;
            }
            out.append("| ").append(c.title())
                    .append(" | ").append(rate(result, Side.LIBRARY))
                    .append(" | ").append(rate(result, Side.RAW))
                    .append(" | ").append(rate(result, Side.MINIMAL))
                    .append(" | ").append(ratio(result.ratioToRaw()))
                    .append(" | ").append(ratio(result.ratioToMinimal()))
                    .append(" | ").append(roundTrips(result))
                    .append(" | ").append(c.bar().describe())
                    .append(" | ").append(result.met() ? "yes" : "**NO**")
                    .append(" |\n");
        }
        results.stream().filter(CaseResult::versusReference).forEach(result -> referenceTable(out, result));
        out.append("\nRates are medians over the measured rounds, ± half their range; a ratio is the median over the rounds "
                + "of library / baseline measured back to back in the same round. Client CPU is this JVM's CPU time "
                + "(every thread) while a side's operations ran, not the emulator's.\n");
        for (CaseResult result : results) {
            BenchCase c = result.benchCase();
            out.append("\n").append(c.id()).append(": ").append(c.title()).append('\n');
            c.work().forEach(line -> out.append("  - ").append(line).append('\n'));
            for (CaseResult.SideResult side : result.sides()) {
                Stats rate = side.operationsPerSecond();
                int units = c.unitsPerOperation();
                out.append(String.format(Locale.ROOT,
                        "  %-15s %12s %s/s  [%s .. %s]  %6.2f round trips/%s  %8.3f ms client CPU/%s%s%n",
                        side.name(), number(rate.median() * units), c.unit(), number(rate.min() * units),
                        number(rate.max() * units), side.roundTripsPerOperation() / units, c.unit(),
                        side.cpuMillisPerOperation() / units, c.unit(),
                        c.eventsPerOperation() > 1 && !c.perEvent()
                                ? "  (" + number(rate.median() * c.eventsPerOperation()) + " events/s)" : ""));
            }
            result.notes().forEach(note -> out.append("  note: ").append(note).append('\n'));
            result.problems().forEach(problem -> out.append("  PROBLEM: ").append(problem).append('\n'));
        }
        out.append('\n');
        benchLines().forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    /**
     * A case against a reference (the original design, the current transaction), as a table of its own: one row per
     * way of appending, the reference first.
     */
    private static void referenceTable(StringBuilder out, CaseResult result) {
        out.append('\n').append(result.benchCase().title()).append(":\n\n")
                .append("| append mode | rate | / ").append(result.reference().name()).append(" | round trips |\n")
                .append("|---|---:|---:|---:|\n")
                .append(referenceRow(result.reference(), "1.00"));
        result.ratiosToReference().forEach((side, ratio) -> out.append(referenceRow(result.side(side), ratio(ratio))));
    }

    private static String referenceRow(CaseResult.SideResult side, String ratio) {
        return String.format(Locale.ROOT, "| %s | %s op/s ±%.0f%% | %s | %.2f |%n", side.name(),
                number(side.operationsPerSecond().median()), side.operationsPerSecond().spreadPercent(), ratio,
                side.roundTripsPerOperation());
    }

    /**
     * {@code BENCH <case> ratio=<library/raw, or n/a> roundtrips=<per operation of the library>}; in a case against
     * a reference one line per way of appending, {@code <case>-<mode>}, with its ratio to the reference.
     */
    List<String> benchLines() {
        List<String> lines = new ArrayList<>();
        for (CaseResult result : results) {
            BenchCase c = result.benchCase();
            if (result.versusReference()) {
                result.ratiosToReference().forEach((side, ratio) -> lines.add(benchLine(c.id() + "-"
                        + side.replace(' ', '-'), ratio.median(), result.side(side).roundTripsPerOperation())));
            } else {
                lines.add(benchLine(c.id(), result.ratioToRaw().median(),
                        result.library().roundTripsPerOperation() / c.unitsPerOperation()));
            }
        }
        return lines;
    }

    private static String benchLine(String id, double ratio, double roundTrips) {
        return String.format(Locale.ROOT, "BENCH %s ratio=%s roundtrips=%.2f", id,
                Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.3f", ratio), roundTrips);
    }

    private static String rate(CaseResult result, String sideName) {
        Optional<CaseResult.SideResult> side = result.sides().stream().filter(s -> s.name().equals(sideName)).findFirst();
        if (side.isEmpty()) {
            return "n/a";
        }
        BenchCase c = result.benchCase();
        Stats rate = side.get().operationsPerSecond();
        return number(rate.median() * c.unitsPerOperation()) + " " + c.unit() + "/s ±"
                + String.format(Locale.ROOT, "%.0f%%", rate.spreadPercent());
    }

    private static String roundTrips(CaseResult result) {
        int units = result.benchCase().unitsPerOperation();
        StringBuilder text = new StringBuilder();
        for (CaseResult.SideResult side : result.sides()) {
            text.append(text.isEmpty() ? "" : " / ")
                    .append(String.format(Locale.ROOT, "%.2f", side.roundTripsPerOperation() / units));
        }
        return text + (units > 1 ? " per " + result.benchCase().unit() : "");
    }

    private static String ratio(Stats ratio) {
        return Double.isNaN(ratio.median()) ? "n/a"
                : String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", ratio.median(), ratio.min(), ratio.max());
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
