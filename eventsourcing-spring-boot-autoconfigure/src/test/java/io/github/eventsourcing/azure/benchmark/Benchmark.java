package io.github.eventsourcing.azure.benchmark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Runs every case with the given sizes and returns the results, in the order README lists them. */
final class Benchmark {

    private final BenchmarkSettings settings;
    private final String connectionString;
    private final PrintStream progress;
    private TableCases table;

    Benchmark(BenchmarkSettings settings, String connectionString, PrintStream progress) {
        this.settings = settings;
        this.connectionString = connectionString;
        this.progress = progress;
    }

    List<CaseResult> run() {
        BenchmarkRunner runner = new BenchmarkRunner(settings.warmUpRounds(), settings.rounds(), progress);
        List<CaseResult> results = new ArrayList<>();
        table = new TableCases(connectionString, progress);
        results.add(runner.run(table.appendKnownVersion(settings.appends())));
        results.add(runner.run(table.appendUnknownVersion(settings.appends())));
        results.add(runner.run(table.bulkAppend(settings.bulkEvents(), settings.bulkAppends())));
        results.add(runner.run(table.project(settings.projectedEvents(), settings.projections())));
        results.add(runner.run(table.concurrentWriters(settings.writers(), settings.eventsPerWriter(), 1)));
        results.add(runner.run(table.projectWithSnapshot(settings.snapshotStream(), settings.snapshotBehind(),
                settings.snapshotFolds())));
        return results;
    }

    /** Where the raw sides wrote other rows than the library (after {@link #run()}); empty when they did the same. */
    List<String> rowDifferences() {
        return table.rowDifferences();
    }
}
