package io.github.eventsourcing.azure.benchmark;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Runs every case with the given sizes and returns the results, in the order README lists them. */
final class Benchmark {

    private final BenchmarkSettings settings;
    private final BenchClients clients;
    private final PrintStream progress;
    private TableCases table;

    Benchmark(BenchmarkSettings settings, String connectionString, PrintStream progress) {
        this.settings = settings;
        this.clients = new BenchClients(connectionString, settings.latency());
        this.progress = progress;
    }

    List<CaseResult> run() {
        quietTableClientLog();
        if (settings.warmUpRun()) {
            long started = System.nanoTime();
            new Benchmark(BenchmarkSettings.SMOKE.withLatency(settings.latency()), clients.connectionString(),
                    new PrintStream(OutputStream.nullOutputStream())).run();
            progress.printf("warm-up: every case, small, unmeasured, in %.0f s%n", (System.nanoTime() - started) / 1e9);
        }
        BenchmarkRunner runner = new BenchmarkRunner(settings.warmUpRounds(), settings.warmUpSeconds(),
                settings.rounds(), progress);
        List<CaseResult> results = new ArrayList<>();
        table = new TableCases(clients, progress);
        try {
            results.add(runner.run(table.appendVersusOriginal(settings.appends())));
            results.add(runner.run(table.appendNewStreamVersusOriginal(settings.appends())));
            results.add(runner.run(table.transactionShape(true, settings.appends())));
            results.add(runner.run(table.transactionShape(false, settings.appends())));
            results.add(runner.run(table.appendKnownVersion(settings.appends())));
            results.add(runner.run(table.appendUnknownVersion(settings.appends())));
            results.add(runner.run(table.bulkAppend(settings.bulkEvents(), settings.bulkAppends())));
            results.add(runner.run(table.project(settings.projectedEvents(), settings.projections())));
            results.add(runner.run(table.concurrentWriters(settings.writers(), settings.eventsPerWriter(), 1)));
            results.add(runner.run(table.projectWithSnapshot(settings.snapshotStream(), settings.snapshotBehind(),
                    settings.snapshotFolds())));
            results.add(runner.run(new FanOutCases(clients).accrueAll(settings.fanOutAccounts())));
        } finally {
            table.close();
        }
        BlobCases blob = new BlobCases(clients, progress);
        results.add(runner.run(blob.appendKnownVersion(settings.appends())));
        results.add(runner.run(blob.appendUnknownVersion(settings.appends())));
        results.add(runner.run(blob.project(settings.projectedEvents(), settings.projections())));
        try (CommandCases commands = new CommandCases(clients)) {
            results.add(runner.run(commands.transfer(settings.transfers())));
        }
        return results;
    }

    /**
     * Turns the Table SDK's logger off, as the starter does by default in an application: it logs every rejected
     * transaction (an optimistic-concurrency conflict, the first write to a new table) at ERROR with a stack trace,
     * which would measure logging, not storage.
     */
    private static void quietTableClientLog() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.azure.data.tables.TableClient"))
                .setLevel(ch.qos.logback.classic.Level.OFF);
    }

    /** Where the raw sides wrote other rows than the library (after {@link #run()}); empty when they did the same. */
    List<String> rowDifferences() {
        return table.rowDifferences();
    }
}
