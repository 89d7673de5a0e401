package io.github.eventsourcing.azure.benchmark;

import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every benchmark case, tiny, in the default test run, so the harness cannot rot. It asserts what holds on any
 * machine (round trips, no lost or duplicated events, the raw side's rows, the report), never speed ratios.
 */
@DisplayName("Benchmark smoke run")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BenchmarkSmokeTest {

    private static Benchmark benchmark;
    private static List<CaseResult> results;

    @BeforeAll
    static void runEveryCaseSmall() {
        benchmark = new Benchmark(BenchmarkSettings.SMOKE, Azurite.get().connectionString(),
                new PrintStream(OutputStream.nullOutputStream()));
        results = benchmark.run();
    }

    private static CaseResult result(String id) {
        return results.stream().filter(r -> r.benchCase().id().equals(id)).findFirst().orElseThrow();
    }

    private static double roundTrips(String id, String side) {
        return result(id).sides().stream().filter(s -> s.name().equals(side)).findFirst().orElseThrow()
                .roundTripsPerOperation();
    }

    @Test
    @DisplayName("an append at a known version is one round trip for the library and both raw baselines")
    void appendKnownVersion() {
        assertThat(roundTrips("table-append-known", Side.LIBRARY)).isEqualTo(1.0);
        assertThat(roundTrips("table-append-known", Side.RAW)).isEqualTo(1.0);
        assertThat(roundTrips("table-append-known", Side.MINIMAL)).isEqualTo(1.0);
    }

    @Test
    @DisplayName("the original design's append is three round trips; the library's is one in every mode to a stream the "
            + "process has seen (or a new one), two to one it has not seen")
    void appendAgainstTheOriginalDesign() {
        CaseResult versusOriginal = result("table-vs-original");
        assertThat(versusOriginal.side(Side.ORIGINAL).roundTripsPerOperation()).isEqualTo(3.0);
        assertThat(versusOriginal.side("expected version").roundTripsPerOperation()).isEqualTo(1.0);
        assertThat(versusOriginal.side("no expected version").roundTripsPerOperation()).isEqualTo(1.0);
        assertThat(versusOriginal.side("must exist").roundTripsPerOperation()).isEqualTo(1.0);
        assertThat(versusOriginal.side("must be new").roundTripsPerOperation()).isEqualTo(1.0);
        assertThat(versusOriginal.side("cold no expected version").roundTripsPerOperation()).isEqualTo(2.0);
        assertThat(versusOriginal.ratiosToReference()).containsOnlyKeys("expected version", "no expected version",
                "must exist", "must be new", "cold no expected version");
    }

    @Test
    @DisplayName("creating a stream is three round trips for the original design and one for the library")
    void newStreamAgainstTheOriginalDesign() {
        CaseResult newStream = result("table-vs-original-new-stream");
        assertThat(newStream.side(Side.ORIGINAL).roundTripsPerOperation()).isEqualTo(3.0);
        assertThat(newStream.side("must be new").roundTripsPerOperation()).isEqualTo(1.0);
        assertThat(newStream.ratiosToReference()).containsOnlyKeys("must be new");
    }

    @Test
    @DisplayName("with an If-Match on the header instead of touching E-v, an append reads the header first even at a "
            + "known version, and retries when the notification dispatcher changed the header in between")
    void transactionShapes() {
        assertThat(result("table-shape-warm").side(Side.CURRENT).roundTripsPerOperation()).isEqualTo(1.0);
        assertThat(result("table-shape-cold").side(Side.CURRENT).roundTripsPerOperation()).isEqualTo(2.0);
        for (String id : List.of("table-shape-warm", "table-shape-cold")) {
            CaseResult shapes = result(id);
            assertThat(shapes.side(TransactionShapes.IF_MATCH_HEAD).roundTripsPerOperation()).as(id)
                    .isGreaterThanOrEqualTo(2.0);
            assertThat(shapes.ratiosToReference()).as(id).containsOnlyKeys(TransactionShapes.IF_MATCH_HEAD);
        }
    }

    @Test
    @DisplayName("an append at an unknown version is two round trips: the header, then the transaction")
    void appendUnknownVersion() {
        assertThat(roundTrips("table-append-unknown", Side.LIBRARY)).isEqualTo(2.0);
        assertThat(roundTrips("table-append-unknown", Side.RAW)).isEqualTo(2.0);
    }

    @Test
    @DisplayName("a bulk append is one transaction per atomic chunk plus one read of the header")
    void bulkAppend() {
        int events = BenchmarkSettings.SMOKE.bulkEvents();
        int chunks = (events + TableCases.EVENTS_PER_ATOMIC_APPEND - 1) / TableCases.EVENTS_PER_ATOMIC_APPEND;
        assertThat(roundTrips("table-bulk-append", Side.LIBRARY)).isEqualTo(chunks + 1.0);
        assertThat(roundTrips("table-bulk-append", Side.RAW)).isEqualTo(Math.ceil((2.0 * events + 1) / 100));
    }

    @Test
    @DisplayName("an append to an AppendBlob stream this process knows is one round trip, with or without a version")
    void blobAppends() {
        for (String id : List.of("blob-append-known", "blob-append-unknown")) {
            assertThat(roundTrips(id, Side.LIBRARY)).as(id).isEqualTo(1.0);
            assertThat(roundTrips(id, Side.RAW)).as(id).isEqualTo(1.0);
            assertThat(roundTrips(id, Side.MINIMAL)).as(id).isEqualTo(1.0);
        }
    }

    @Test
    @DisplayName("folding an AppendBlob stream takes as many ranged reads as the raw baseline")
    void blobProject() {
        assertThat(roundTrips("blob-project", Side.LIBRARY)).isEqualTo(roundTrips("blob-project", Side.RAW));
    }

    @Test
    @DisplayName("folding a stream reads it in pages; from a snapshot 100 events behind in at most 3 round trips")
    void folds() {
        // 450 events: the header and 199 events, the other 251 in one larger page, then the header's point read.
        assertThat(BenchmarkSettings.SMOKE.projectedEvents()).isEqualTo(450);
        assertThat(roundTrips("table-project", Side.LIBRARY)).isEqualTo(3.0);
        assertThat(roundTrips("table-project-snapshot", Side.LIBRARY)).isLessThanOrEqualTo(3.0);
    }

    @Test
    @DisplayName("concurrent writers on one stream lose and duplicate no event, in at most 2 round trips per event")
    void concurrentWriters() {
        CaseResult concurrent = result("table-concurrent-writers");
        assertThat(concurrent.problems()).isEmpty();
        assertThat(concurrent.library().roundTripsPerOperation() / concurrent.benchCase().unitsPerOperation())
                .isLessThanOrEqualTo(2.0);
        assertThat(concurrent.notes()).singleElement().asString().contains(" 0 lost, 0 duplicated");
    }

    @Test
    @DisplayName("a two-step transfer command completes every time, its steps in at most 13 round trips each")
    void commandTransfer() {
        CaseResult transfer = result("table-command-transfer");
        assertThat(transfer.problems()).isEmpty();
        assertThat(transfer.library().roundTripsPerOperation() / CommandCases.STEPS).isLessThanOrEqualTo(13.0);
        assertThat(transfer.met()).isTrue();
    }

    @Test
    @DisplayName("accrue-all as a fan-out command records one outcome per account and has a ratio to the sequential loop")
    void fanOutAccrueAll() {
        CaseResult accrueAll = result("fanout-accrue-all");
        assertThat(accrueAll.problems()).isEmpty();
        assertThat(accrueAll.sides()).extracting(CaseResult.SideResult::name)
                .containsExactly(Side.LIBRARY, Side.SEQUENTIAL);
        assertThat(accrueAll.ratioToRaw().median()).isPositive();
        // Per account at least the loop's fold and append, and the fan-out's look-up of the effect's id besides.
        int accounts = BenchmarkSettings.SMOKE.fanOutAccounts();
        assertThat(roundTrips("fanout-accrue-all", Side.SEQUENTIAL)).isGreaterThanOrEqualTo(2.0 * accounts);
        assertThat(roundTrips("fanout-accrue-all", Side.LIBRARY)).isGreaterThanOrEqualTo(3.0 * accounts);
    }

    @Test
    @DisplayName("the raw baseline writes exactly the rows the library writes")
    void rawWritesTheLibrarysRows() {
        assertThat(benchmark.rowDifferences()).isEmpty();
    }

    @Test
    @DisplayName("every case has a machine-readable line and a panel in the chart, and none reports a problem")
    void report() {
        BenchmarkReport report = new BenchmarkReport(List.of("smoke"), results);
        // One line per case, but one per way of appending against the original design.
        assertThat(report.benchLines()).hasSize(results.size() - 1 + 5)
                .allMatch(line -> line.matches("BENCH [a-z-]+ ratio=(n/a|[0-9.]+) roundtrips=[0-9.]+"));
        String svg = SvgChart.render("smoke", results);
        assertThat(svg).startsWith("<svg").endsWith("</svg>\n");
        results.forEach(result -> assertThat(svg).contains(result.benchCase().title()));
        assertThat(results).allSatisfy(result -> assertThat(result.problems()).isEmpty());
    }

    @Test
    @DisplayName("a poll reads only the changed streams' index entries, in one request, however many streams are "
            + "stored; the sweep goes through every row or blob of every stored stream, also across stream types")
    void changeFinding() {
        // 150 streams per type: the 200 stored streams span two tables or containers, as the full run's do.
        ChangeFindingCost cost = new ChangeFindingCost(new BenchClients(Azurite.get().connectionString(),
                java.time.Duration.ZERO), 150);
        List<ChangeFindingCost.Result> measured = List.of(cost.table(20, 10), cost.table(200, 10),
                cost.blob(5, 10), cost.blob(200, 10));
        assertThat(measured).allSatisfy(result -> {
            assertThat(result.pollRequests()).isEqualTo(1);
            assertThat(result.pollRows()).isEqualTo(10);
            assertThat(result.found()).isEqualTo(10);
            // Table: header, event and id row per stream; AppendBlob: segment and marker, the changed ones unmarked.
            assertThat(result.sweepRows()).isEqualTo(result.backend().equals("table")
                    ? 3L * (result.streams() + 10) : 2L * result.streams() + 10);
            assertThat(result.benchLine()).matches("BENCH change-finding-[a-z-]+ streams=[0-9]+ changed=10 "
                    + "poll-requests=1 poll-reads=10 sweep-requests=[0-9]+ sweep-reads=[0-9]+");
        });
    }

    @Test
    @DisplayName("accounts below a threshold: the read model answers as the classification scan does, in one request "
            + "where the scan reads every account; its lag under a steady write load drains once the writes stop")
    void readModels() {
        ReadModelCost cost = new ReadModelCost(new BenchClients(Azurite.get().connectionString(),
                java.time.Duration.ZERO));
        ReadModelCost.QueryResult below = cost.accountsBelowThreshold(200, 2);
        assertThat(below.matched()).isPositive().isLessThan(200);
        assertThat(below.readModelRoundTrips()).isEqualTo(1);
        assertThat(below.scanRoundTrips()).isGreaterThan(200);
        assertThat(below.benchLine()).matches("BENCH read-model-below-threshold accounts=200 matched=[0-9]+ "
                + "read-model-ms=[0-9.]+ read-model-round-trips=1 scan-ms=[0-9]+ scan-round-trips=[0-9]+ ratio=[0-9]+ "
                + "setup-s=[0-9]+ replay-s=[0-9]+ replay-instances=4");

        ReadModelCost.LagResult lag = cost.lagUnderLoad(20, 20, java.time.Duration.ofSeconds(2));
        assertThat(lag.writes()).isPositive();
        assertThat(lag.maxMillis()).isGreaterThanOrEqualTo(lag.p99Millis()).isGreaterThanOrEqualTo(lag.p50Millis());
        assertThat(lag.benchLine()).matches("BENCH read-model-lag accounts=20 writes-per-s=20 seconds=2 "
                + "dispatch-threads=2 writes=[0-9]+ lag-p50-ms=[0-9]+ lag-p99-ms=[0-9]+ lag-max-ms=[0-9]+ drain-ms=[0-9]+");
    }
}
