package io.github.eventsourcing.azure.benchmark;

import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The full benchmark: the library against the raw Azure SDK on Azurite, started as the tests start it. Run it with
 * {@code scripts/benchmark.sh}, which runs this class through Surefire with {@code -Dbenchmark.full=true} (and
 * {@code -Dbench.latencyMs=N} to simulate a round trip of N ms on every request); it prints
 * the table and {@code BENCH} lines and writes {@code target/benchmark/results.txt} and {@code benchmark.svg}
 * ({@code results-5ms.txt} and {@code benchmark-5ms.svg} with a simulated round trip of 5 ms).
 * The bars are reported, not asserted: a benchmark judges, it does not fail a build.
 */
class BenchmarkMain {

    /** Accounts of the full run's "accounts below a threshold". */
    private static final int READ_MODEL_ACCOUNTS = 10_000;

    public static void main(String[] args) throws IOException {
        run(Paths.get(args.length > 0 ? args[0] : "target/benchmark"));
    }

    @Test
    @EnabledIfSystemProperty(named = "benchmark.full", matches = "true")
    @DisplayName("the full benchmark runs and writes its results")
    void fullRun() throws IOException {
        org.assertj.core.api.Assertions.assertThat(run(Paths.get("target/benchmark"))).isNotEmptyFile();
    }

    @Test
    @EnabledIfSystemProperty(named = "benchmark.changeFinding", matches = "true")
    @DisplayName("the change-finding measurement runs by itself and writes its lines")
    void changeFindingRun() throws IOException {
        assertWritten(runAlone("change-finding.txt", () -> changeFinding(fullSettings())));
    }

    @Test
    @EnabledIfSystemProperty(named = "benchmark.readModel", matches = "true")
    @DisplayName("the read model's \"accounts below a threshold\" runs by itself and writes its line")
    void readModelRun() throws IOException {
        int accounts = Integer.getInteger("benchmark.accounts", READ_MODEL_ACCOUNTS);
        assertWritten(runAlone("read-model.txt", () -> "\n" + readModelCost(fullSettings())
                .accountsBelowThreshold(accounts, 5).benchLine() + '\n'));
    }

    @Test
    @EnabledIfSystemProperty(named = "benchmark.readModelLag", matches = "true")
    @DisplayName("the read model's lag under load runs by itself, with 2 and with 4 dispatcher threads")
    void readModelLagRun() throws IOException {
        assertWritten(runAlone("read-model-lag.txt", () -> {
            ReadModelCost cost = readModelCost(fullSettings());
            return "\n" + lagUnderLoad(cost, ReadModelCost.DEFAULT_DISPATCH_THREADS) + '\n' + lagUnderLoad(cost, 4)
                    + '\n';
        }));
    }

    /** Runs one measurement by itself, printing its lines and writing them to {@code target/benchmark/<file>}. */
    private static Path runAlone(String file, Supplier<String> measurement) throws IOException {
        long started = System.nanoTime();
        String lines = measurement.get();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String report = "Run " + Instant.now() + String.format(Locale.ROOT, ", %.0f s, load average %.1f at the end",
                (System.nanoTime() - started) / 1e9, load) + lines;
        System.out.println(report);
        Path text = Paths.get("target/benchmark", file);
        Files.createDirectories(text.getParent());
        Files.writeString(text, report, StandardCharsets.UTF_8);
        return text;
    }

    private static void assertWritten(Path text) {
        org.assertj.core.api.Assertions.assertThat(text).isNotEmptyFile();
    }

    static Path run(Path directory) throws IOException {
        BenchmarkSettings settings = fullSettings();
        long started = System.nanoTime();
        List<CaseResult> results = new Benchmark(settings, Azurite.get().connectionString(), System.out).run();
        List<String> header = new ArrayList<>(machine(settings));
        header.add(String.format("Total time: %.0f s", (System.nanoTime() - started) / 1e9));
        // -Dbenchmark.extras=false leaves out the counts of change finding and the read models' measurements, which
        // take as long again, e.g. for a second run of the cases with a simulated round trip.
        String report = new BenchmarkReport(header, results).text()
                + (Boolean.parseBoolean(System.getProperty("benchmark.extras", "true"))
                ? changeFinding(settings) + readModels(settings) : "");
        System.out.println();
        System.out.println(report);
        // A run with a simulated round trip writes beside a run without one rather than over it.
        String suffix = settings.latency().isZero() ? "" : "-" + settings.latency().toMillis() + "ms";
        Path text = directory.resolve("results" + suffix + ".txt");
        Path chart = directory.resolve("benchmark" + suffix + ".svg");
        Files.createDirectories(directory);
        Files.writeString(text, report, StandardCharsets.UTF_8);
        Files.writeString(chart,
                SvgChart.render("Event sourcing on Azure Storage: library vs. raw Azure SDK on Azurite", results),
                StandardCharsets.UTF_8);
        System.out.println("Wrote " + text + " and " + chart);
        return text;
    }

    /**
     * The cost of finding changes per poll (issue 19): the change index against the full sweep, with 1,000, 10,000 and
     * 100,000 Table streams and 1,000 and 10,000 AppendBlob streams (written directly in the library's layout, see
     * {@link ChangeFindingCost}), 10 of them changed through the library. Runs by itself with
     * {@code -Dbenchmark.changeFinding=true} instead of {@code -Dbenchmark.full=true} (about 15 minutes on 2 busy cores).
     */
    static String changeFinding(BenchmarkSettings settings) {
        ChangeFindingCost cost = new ChangeFindingCost(new BenchClients(Azurite.get().connectionString(),
                settings.latency()), ChangeFindingCost.FULL_STREAMS_PER_TYPE);
        List<ChangeFindingCost.Result> measured = List.of(cost.table(1_000, 10), cost.table(10_000, 10),
                cost.table(100_000, 10),
                cost.blob(1_000, 10), cost.blob(10_000, 10));
        StringBuilder text = new StringBuilder("\n## Finding changes per poll (10 streams changed)\n\n");
        measured.forEach(result -> text.append(result.benchLine()).append('\n'));
        return text.toString();
    }

    /** The full run's settings, with the simulated round trip of {@code -Dbench.latencyMs} (0 by default). */
    private static BenchmarkSettings fullSettings() {
        return BenchmarkSettings.FULL.withLatency(Duration.ofMillis(Long.getLong("bench.latencyMs", 0)));
    }

    /**
     * Read models (issue 19): "accounts below a threshold" over 10,000 accounts from the read model against the
     * classification scan, and the read model's lag under 50 writes per second for 20 s. The first runs by itself with
     * {@code -Dbenchmark.readModel=true} (and {@code -Dbenchmark.accounts=N} for another number of accounts).
     */
    static String readModels(BenchmarkSettings settings) {
        ReadModelCost cost = readModelCost(settings);
        return "\n## Read models\n\n" + cost.accountsBelowThreshold(READ_MODEL_ACCOUNTS, 5).benchLine() + '\n'
                + lagUnderLoad(cost, ReadModelCost.DEFAULT_DISPATCH_THREADS) + '\n';
    }

    /** The lag line of the full run and of the lag run: 300 accounts, 50 writes per second for 20 s. */
    private static String lagUnderLoad(ReadModelCost cost, int dispatchThreads) {
        return cost.lagUnderLoad(300, 50, Duration.ofSeconds(20), dispatchThreads).benchLine();
    }

    private static ReadModelCost readModelCost(BenchmarkSettings settings) {
        return new ReadModelCost(new BenchClients(Azurite.get().connectionString(), settings.latency()));
    }

    static List<String> machine(BenchmarkSettings settings) {
        Runtime runtime = Runtime.getRuntime();
        return List.of(
                "# Benchmark: event sourcing on Azure Storage, library vs. raw Azure SDK",
                "Run " + Instant.now() + " on " + runtime.availableProcessors() + " cores, Java "
                        + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
                        + System.getProperty("os.name") + "; Azurite (in memory, on 127.0.0.1) shares the cores.",
                settings.latency().isZero() ? "No simulated latency: every request goes to Azurite on loopback."
                        : "Simulated latency: every request of every side waits " + settings.latency().toMillis()
                        + " ms before it is sent (-Dbench.latencyMs).",
                "First a small unmeasured run of every case (JIT warm-up). Per case: at least " + settings.warmUpRounds() + " warm-up rounds and " + settings.warmUpSeconds()
                        + " s, then " + settings.rounds() + " measured rounds; in each round every side runs the same "
                        + "operations, the sides taking turns in short slices, in rotating order. "
                        + "Each side has its own client, built once; round trips are counted by a pipeline policy "
                        + "on it.");
    }
}
