package io.github.eventsourcing.azure.benchmark;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.ReadModelAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.TableEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.notification.NotificationAutoConfiguration;
import io.github.eventsourcing.azure.projection.ClassificationParameter;
import io.github.eventsourcing.azure.projection.Classified;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionName;
import io.github.eventsourcing.azure.readmodel.ReadModel;
import io.github.eventsourcing.azure.readmodel.ReadModelRow;
import io.github.eventsourcing.azure.readmodel.ReadModels;
import io.github.eventsourcing.azure.readmodel.RowFilter;
import io.github.eventsourcing.azure.readmodel.RowPage;
import io.github.eventsourcing.azure.readmodel.internal.DefaultReadModels;
import io.github.eventsourcing.azure.readmodel.internal.ReadModelCatchUp;
import io.github.eventsourcing.azure.readmodel.internal.ReadModelUpdater;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.StreamId.StreamType;
import io.github.eventsourcing.azure.table.internal.TableEventStore;
import io.github.eventsourcing.azure.table.internal.TableReadModelStore;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Issue 19, read models, measured on Table storage:
 * <ul>
 *   <li>"Accounts below a threshold": the read model's answer (its balance index, a key range read in pages of
 *       {@value #PAGE}) against the classification scan (every account's stream listed and folded, as
 *       {@code Projections.instanceKeysIncludedBy} does), both from the same accounts, checked to agree. Each account
 *       is one stream of one published deposit (0.00 to 999.99; about a tenth are below 100.00), written directly in
 *       the library's layout; the rows are then built as the library builds a newly declared model, by its replay
 *       over every instance, shared by {@value #BUILDERS} instances. Set-up and replay are timed, not compared.</li>
 *   <li>The read model's lag under a steady write load: the application's own set-up (auto-configuration, the
 *       notification dispatcher applying each write before it moves the stream's mark), writes at a fixed rate to a
 *       few hundred accounts, and the library's lag (the oldest change not yet in the rows) sampled every
 *       {@value #SAMPLE_MILLIS} ms; then how long the rows take to catch up once the writes stop, and a check that
 *       every account's row holds its last write.</li>
 * </ul>
 */
final class ReadModelCost {

    static final StreamType ACCOUNTS = new StreamType("BenchModel", "Account");
    static final String MODEL = "benchAccounts";
    static final String BALANCE = "balance";
    private static final BigDecimal THRESHOLD = new BigDecimal("100.00");
    private static final int PAGE = 1000;
    private static final long SAMPLE_MILLIS = 20;
    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    /** Application instances sharing the replay that builds the rows of "accounts below a threshold". */
    static final int BUILDERS = 4;
    /** How often the building instances read the model's generations and look for buckets to replay. */
    private static final Duration REPLAY_REFRESH = Duration.ofSeconds(1);
    private static final Duration REPLAY_LIMIT = Duration.ofMinutes(30);

    /**
     * @param readModelMillis      median time of one answer from the read model (every page)
     * @param readModelRoundTrips  requests of one answer from the read model
     * @param scanMillis           time of one answer by the classification scan
     * @param scanRoundTrips       requests of one answer by the scan
     * @param setUpSeconds         writing the accounts (not measured against anything)
     * @param replaySeconds        the library's replay building the rows, from the new model's declaration until
     *                             it answers
     */
    record QueryResult(int accounts, int matched, double readModelMillis, long readModelRoundTrips,
                       double scanMillis, long scanRoundTrips, double setUpSeconds, double replaySeconds) {

        /** How many times faster the read model answers. */
        double ratio() {
            return scanMillis / readModelMillis;
        }

        String benchLine() {
            return String.format(Locale.ROOT, "BENCH read-model-below-threshold accounts=%d matched=%d "
                    + "read-model-ms=%.1f read-model-round-trips=%d scan-ms=%.0f scan-round-trips=%d ratio=%.0f "
                    + "setup-s=%.0f replay-s=%.0f replay-instances=%d", accounts, matched, readModelMillis,
                    readModelRoundTrips, scanMillis, scanRoundTrips, ratio(), setUpSeconds, replaySeconds, BUILDERS);
        }
    }

    /**
     * @param writes   appends made during the load
     * @param drainMillis how long after the last write the rows held every change
     */
    record LagResult(int accounts, int writesPerSecond, long seconds, int dispatchThreads, long writes,
                     long p50Millis, long p99Millis, long maxMillis, long drainMillis) {

        String benchLine() {
            return String.format(Locale.ROOT, "BENCH read-model-lag accounts=%d writes-per-s=%d seconds=%d "
                    + "dispatch-threads=%d writes=%d lag-p50-ms=%d lag-p99-ms=%d lag-max-ms=%d drain-ms=%d", accounts,
                    writesPerSecond, seconds, dispatchThreads, writes, p50Millis, p99Millis, maxMillis, drainMillis);
        }
    }

    /** The starter's default of {@code eventsourcing.notifications.dispatch.threads}. */
    static final int DEFAULT_DISPATCH_THREADS = 2;

    private final BenchClients clients;

    ReadModelCost(BenchClients clients) {
        this.clients = clients;
    }

    QueryResult accountsBelowThreshold(int accounts, int readModelQueries) {
        String prefix = "rm" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        RoundTrips trips = new RoundTrips();
        TableServiceClient service = clients.table(trips);
        TableEventStore store = new TableEventStore(service, prefix);
        Library library = new Library(store);
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            long setUpStarted = System.nanoTime();
            storeAccounts(prefix, accounts);
            long setUpNanos = System.nanoTime() - setUpStarted;
            long replayStarted = System.nanoTime();
            buildByReplay(prefix);
            long replayNanos = System.nanoTime() - replayStarted;

            // Queries come from an instance that did not build the rows, reading the generations once a minute.
            ReadModels readModels = new DefaultReadModels(new ReadModelUpdater(Map.of(model(),
                    new TableReadModelStore(service, prefix)), Duration.ofMinutes(1), () -> library.projections,
                    type -> store, background, Clock.systemUTC()));
            List<Long> nanos = new ArrayList<>();
            long modelTrips = 0;
            Set<String> fromModel = Set.of();
            for (int q = 0; q < readModelQueries; q++) {
                long before = trips.count();
                long started = System.nanoTime();
                fromModel = below(readModels);
                nanos.add(System.nanoTime() - started);
                modelTrips = trips.count() - before;
            }
            long before = trips.count();
            long started = System.nanoTime();
            Set<String> fromScan = new HashSet<>(library.projections.instanceKeysIncludedBy(ACCOUNTS,
                    BalanceBelow.class, Map.of(BalanceBelow.THRESHOLD, THRESHOLD)));
            long scanNanos = System.nanoTime() - started;
            long scanTrips = trips.count() - before;
            if (!fromScan.equals(fromModel) || fromScan.isEmpty()) {
                throw new IllegalStateException("The read model found " + fromModel.size() + " accounts below "
                        + THRESHOLD + ", the classification scan " + fromScan.size() + ": they must agree");
            }
            nanos.sort(null);
            return new QueryResult(accounts, fromModel.size(), nanos.get(nanos.size() / 2) / 1e6, modelTrips,
                    scanNanos / 1e6, scanTrips, setUpNanos / 1e9, replayNanos / 1e9);
        } finally {
            background.shutdownNow();
        }
    }

    /**
     * Stores the accounts, one published deposit each (0.00 to 999.99), written directly in the library's layout
     * (see {@link PublishedStreams}), on a client without simulated latency: through the library each account would
     * take an append, a read of what is pending and a write of the published mark, one after the other.
     */
    private void storeAccounts(String prefix, int accounts) {
        TableServiceClient setUp = clients.withoutLatency().table(new RoundTrips());
        TableEventStore store = new TableEventStore(setUp, prefix);
        TableClient table = setUp.getTableClient(store.tableNameFor(ACCOUNTS));
        long[] cents = new Random(19).longs(accounts, 0, 100_000).toArray();
        IntFunction<BenchEvents.MoneyDeposited> deposits = i -> new BenchEvents.MoneyDeposited(account(i).instanceKey(),
                cents[i], "opening");
        Instant now = Instant.now();
        ChangeFindingCost.storePublished(store, 0, accounts, ReadModelCost::account, deposits,
                i -> PublishedStreams.writeTableStream(table, account(i), now, deposits.apply(i)));
    }

    /**
     * Builds the new model's rows as the library does when an application first declares it: {@value #BUILDERS}
     * application instances (each an updater with its catch-up scheduled, as auto-configuration schedules it) share
     * the replay over every account by claiming buckets; waits until the instances record the generation as built.
     */
    private void buildByReplay(String prefix) {
        TableServiceClient setUp = clients.withoutLatency().table(new RoundTrips());
        TableEventStore store = new TableEventStore(setUp, prefix);
        Library library = new Library(store);
        List<ReadModelUpdater> instances = new ArrayList<>();
        List<ScheduledExecutorService> schedulers = new ArrayList<>();
        try {
            for (int n = 0; n < BUILDERS; n++) {
                ReadModelUpdater instance = new ReadModelUpdater(Map.of(model(), new TableReadModelStore(setUp,
                        prefix)), REPLAY_REFRESH, () -> library.projections, type -> store,
                        Executors.newSingleThreadExecutor(), Clock.systemUTC());
                instances.add(instance);
                ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
                schedulers.add(scheduler);
                new ReadModelCatchUp(instance, REPLAY_REFRESH, scheduler).start();
            }
            long deadline = System.nanoTime() + REPLAY_LIMIT.toNanos();
            while (instances.stream().anyMatch(ReadModelCost::building)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The replay did not build the read model within " + REPLAY_LIMIT);
                }
                Thread.sleep(REPLAY_REFRESH.toMillis() / 4);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the read model was built", e);
        } finally {
            stop(schedulers);
            instances.forEach(ReadModelUpdater::close);
        }
    }

    /** Lets a pass under way end (once the rows are built it only reads the buckets' claims) rather than cut it off. */
    private static void stop(List<ScheduledExecutorService> schedulers) {
        schedulers.forEach(ExecutorService::shutdown);
        try {
            for (ScheduledExecutorService scheduler : schedulers) {
                scheduler.awaitTermination(1, TimeUnit.MINUTES);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the instance knows of a generation of the model still being built (its health's description). */
    private static boolean building(ReadModelUpdater instance) {
        return !"none".equals(((Map<?, ?>) instance.describe().get(MODEL)).get("buildingGeneration"));
    }

    private static StreamId account(int i) {
        return ACCOUNTS.instance("account-" + i);
    }

    private static Set<String> below(ReadModels readModels) {
        Set<String> keys = new HashSet<>();
        String continuation = null;
        do {
            RowPage page = readModels.query(MODEL, RowFilter.below(BALANCE, THRESHOLD), PAGE, continuation);
            page.rows().stream().map(ReadModelRow::key).forEach(keys::add);
            continuation = page.continuation();
        } while (continuation != null);
        return keys;
    }

    LagResult lagUnderLoad(int accounts, int writesPerSecond, Duration load) {
        return lagUnderLoad(accounts, writesPerSecond, load, DEFAULT_DISPATCH_THREADS);
    }

    /** The same with the given number of notification dispatcher threads (which apply the writes to the rows). */
    LagResult lagUnderLoad(int accounts, int writesPerSecond, Duration load, int dispatchThreads) {
        String prefix = "rl" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        AtomicReference<LagResult> result = new AtomicReference<>();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class,
                        TableEventStoreAutoConfiguration.class, NotificationAutoConfiguration.class,
                        ReadModelAutoConfiguration.class))
                .withUserConfiguration(BankWithReadModel.class)
                .withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=table",
                        "eventsourcing.connections.default.connection-string=" + clients.connectionString(),
                        "eventsourcing.table.table-name-prefix=" + prefix,
                        "eventsourcing.notifications.dispatch.threads=" + dispatchThreads)
                .run(context -> {
                    if (context.getStartupFailure() != null) {
                        throw new IllegalStateException(context.getStartupFailure());
                    }
                    result.set(measureLag(context.getBean(EventStreams.class), context.getBean(ReadModels.class),
                            context.getBean(ReadModelUpdater.class), accounts, writesPerSecond, load,
                            dispatchThreads));
                });
        return result.get();
    }

    private static LagResult measureLag(EventStreams streams, ReadModels readModels, ReadModelUpdater updater,
                                        int accounts, int writesPerSecond, Duration load, int dispatchThreads)
            throws Exception {
        Map<StreamId, AppendResult> lastWrites = new ConcurrentHashMap<>();
        ChangeFindingCost.inParallel(0, accounts, i -> deposit(streams, account(i), lastWrites));
        awaitNoLag(updater);

        List<Long> samples = new ArrayList<>();
        Clock clock = Clock.systemUTC();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        ExecutorService writers = Executors.newFixedThreadPool(8);
        long writesBefore = lastWrites.values().stream().mapToLong(AppendResult::lastSequence).sum();
        try {
            timer.scheduleAtFixedRate(() -> writers.execute(() -> deposit(streams,
                    account(ThreadLocalRandom.current().nextInt(accounts)), lastWrites)), 0,
                    1_000_000 / writesPerSecond, TimeUnit.MICROSECONDS);
            long end = System.nanoTime() + load.toNanos();
            while (System.nanoTime() < end) {
                samples.add(updater.lag(clock).toMillis());
                Thread.sleep(SAMPLE_MILLIS);
            }
        } finally {
            timer.shutdownNow();
            writers.shutdown();
            writers.awaitTermination(30, TimeUnit.SECONDS);
        }
        long stopped = System.nanoTime();
        awaitNoLag(updater);
        long drainMillis = (System.nanoTime() - stopped) / 1_000_000;
        for (Map.Entry<StreamId, AppendResult> last : lastWrites.entrySet()) {
            if (!readModels.await(MODEL, last.getKey(), last.getValue(), CATCH_UP)) {
                throw new IllegalStateException("The row of " + last.getKey() + " misses its last write");
            }
        }
        long writes = lastWrites.values().stream().mapToLong(AppendResult::lastSequence).sum() - writesBefore;
        samples.sort(null);
        return new LagResult(accounts, writesPerSecond, load.toSeconds(), dispatchThreads, writes,
                percentile(samples, 0.5),
                percentile(samples, 0.99), samples.get(samples.size() - 1), drainMillis);
    }

    private static void deposit(EventStreams streams, StreamId id, Map<StreamId, AppendResult> lastWrites) {
        AppendResult written = streams.stream(id).append(new BenchEvents.MoneyDeposited(id.instanceKey(),
                ThreadLocalRandom.current().nextLong(100_000), "load"));
        lastWrites.merge(id, written, (a, b) -> a.lastSequence() >= b.lastSequence() ? a : b);
    }

    /** Until the library knows of no change that is not in the rows (polled: this is what is measured). */
    private static void awaitNoLag(ReadModelUpdater updater) throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (updater.oldestUnapplied().isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The read model did not catch up within " + CATCH_UP);
            }
            Thread.sleep(1);
        }
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }

    static ReadModel<Balance> model() {
        return ReadModel.of(MODEL, 1, ACCOUNTS, Balance.class).decimal(BALANCE, Balance::balance);
    }

    /** An application with the accounts' read model; its package holds the benchmark's event type. */
    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage
    static class BankWithReadModel {

        @Bean
        ReadModel<Balance> benchAccountsReadModel() {
            return model();
        }
    }

    /** The balance of an account: the sum of its deposits. */
    @ProjectionName("Bench Balance")
    public static class Balance {

        private long cents;

        @EventHandler
        public void on(BenchEvents.MoneyDeposited deposited) {
            cents += deposited.amountCents();
        }

        public BigDecimal balance() {
            return BigDecimal.valueOf(cents, 2);
        }
    }

    /** Accounts whose balance is below the {@code threshold} parameter. */
    @ProjectionName("Bench Balance Below")
    public static class BalanceBelow {

        static final String THRESHOLD = "threshold";

        @ClassificationParameter(THRESHOLD)
        private BigDecimal threshold;

        private long cents;

        @EventHandler
        public Classified on(BenchEvents.MoneyDeposited deposited) {
            cents += deposited.amountCents();
            return BigDecimal.valueOf(cents, 2).compareTo(threshold) < 0 ? Classified.INCLUDE : Classified.EXCLUDE;
        }
    }
}
