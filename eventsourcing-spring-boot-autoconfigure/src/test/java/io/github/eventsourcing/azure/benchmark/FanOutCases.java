package io.github.eventsourcing.azure.benchmark;

import io.github.eventsourcing.azure.autoconfigure.command.CommandProperties;
import io.github.eventsourcing.azure.benchmark.BenchCase.Bar;
import io.github.eventsourcing.azure.benchmark.BenchEvents.Balance;
import io.github.eventsourcing.azure.command.CommandHandler;
import io.github.eventsourcing.azure.command.CommandInstance;
import io.github.eventsourcing.azure.command.CommandSteps;
import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.command.FanOutInstances;
import io.github.eventsourcing.azure.command.FanOutResults;
import io.github.eventsourcing.azure.command.internal.CommandHandlers;
import io.github.eventsourcing.azure.command.internal.CommandRunner;
import io.github.eventsourcing.azure.command.internal.CommandSettings;
import io.github.eventsourcing.azure.command.internal.DefaultCommands;
import io.github.eventsourcing.azure.command.internal.FanOutSettings;
import io.github.eventsourcing.azure.command.internal.OpenCommandIndex;
import io.github.eventsourcing.azure.command.internal.RecentCommandList;
import io.github.eventsourcing.azure.concurrent.internal.EventSourcingExecutors;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.stream.internal.StorageObjectMapper;
import io.github.eventsourcing.azure.table.internal.TableEventStore;
import io.micrometer.observation.ObservationRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.github.eventsourcing.azure.benchmark.BenchEvents.deposit;

/**
 * Accrue-all over every account: the library's fan-out command (each account read, its deposit written through
 * {@code effectOn}, outcomes recorded in the command's stream) at the default parallelism, against the loop the demo
 * ran before, one account after another (read, append at the version read). Each side has accounts of its own in
 * Table storage, and a client of its own.
 */
final class FanOutCases {

    private static final String STEP = "accrue";

    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final RoundTrips fanOutTrips = new RoundTrips();
    private final RoundTrips loopTrips = new RoundTrips();
    private final Library fanOutLibrary;
    private final Library loopLibrary;

    FanOutCases(BenchClients clients) {
        fanOutLibrary = new Library(new TableEventStore(clients.table(fanOutTrips), "benchfan"));
        loopLibrary = new Library(new TableEventStore(clients.table(loopTrips), "benchfan"));
    }

    BenchCase accrueAll(int accounts) {
        StreamId.StreamType fanOutAccounts = new StreamId.StreamType("BenchFanOut" + run, "Account");
        StreamId.StreamType loopAccounts = new StreamId.StreamType("BenchLoop" + run, "Account");
        open(fanOutLibrary, fanOutAccounts, accounts);
        open(loopLibrary, loopAccounts, accounts);

        FanOutRuns runs = new FanOutRuns(fanOutLibrary, fanOutTrips, fanOutAccounts, accounts);
        long[] loopRuns = {0};
        Side loop = Side.of(Side.SEQUENTIAL, loopTrips, () -> {
            long day = ++loopRuns[0];
            loopLibrary.streams.forEachInstanceKey(loopAccounts, key -> accrue(loopLibrary.projections,
                    loopAccounts.instance(key), day, (event, version) -> loopLibrary.streams
                            .stream(loopAccounts.instance(key)).append(event, AppendOptions.expectingVersion(version))));
        });
        List<String> work = List.of(
                "library: a command with one fan-out step over the " + accounts + " accounts at the default "
                        + "parallelism (" + runs.parallelism + "): per account the effect's id looked up, the balance "
                        + "folded, the deposit appended at its version; the outcomes recorded, "
                        + new CommandProperties().getFanOut().getOutcomesPerEvent() + " per event",
                "sequential loop: per account, one after another, the balance folded and the deposit appended at its "
                        + "version (no record of progress: a crash leaves no trace of what was done)");
        return new BenchCase("fanout-accrue-all", "accrue-all over " + accounts + " accounts (fan-out command / "
                + "sequential loop)", work, List.of(runs, loop), 1, accounts, false, Bar.none());
    }

    private static void open(Library library, StreamId.StreamType type, int accounts) {
        for (int i = 0; i < accounts; i++) {
            library.streams.stream(type.instance(String.format("acc-%05d", i))).append(deposit(i),
                    AppendOptions.mustBeNew());
        }
    }

    /** The work on one account, the same on both sides: fold the balance, append a deposit at the version folded. */
    private static AppendResult accrue(Projections projections, StreamId account, long day, Appender append) {
        ProjectionResult<Balance> balance = projections.project(account, Balance.class);
        return append.append(deposit(day), balance.asOfSequence());
    }

    @FunctionalInterface
    private interface Appender {
        AppendResult append(Object event, long expectedVersion);
    }

    public record Day(long day) {
    }

    /** The library's side: one fan-out command per operation, awaited until its step completed. */
    private static final class FanOutRuns implements Side, CommandHandler<Day> {

        private final CommandType type;
        private final Library library;
        private final StreamId.StreamType accounts;
        private final int count;
        private final DefaultCommands commands;
        private final List<String> problems = new ArrayList<>();
        private final int parallelism;
        private final RoundTrips trips;
        private volatile CountDownLatch stepCompleted;
        private CommandInstance last;
        private long runs;

        FanOutRuns(Library library, RoundTrips trips, StreamId.StreamType accounts, int count) {
            this.library = library;
            this.trips = trips;
            this.accounts = accounts;
            this.count = count;
            this.type = CommandType.of(accounts.domain(), "AccrueAll");
            CommandProperties defaults = new CommandProperties();
            CommandProperties.FanOut fanOut = defaults.getFanOut();
            parallelism = fanOut.getParallelism();
            CommandSettings settings = new CommandSettings(defaults.getClaimDuration(), Duration.ofHours(1),
                    defaults.getMaxAttempts(), defaults.getWorkers(), "benchmark",
                    new FanOutSettings(fanOut.getParallelism(), fanOut.getRetryPasses(), fanOut.getOutcomesPerEvent(),
                            fanOut.getRecordInterval()));
            CommandHandlers handlers = new CommandHandlers(List.of(this));
            OpenCommandIndex index = new OpenCommandIndex(library.streams);
            CommandRunner runner = new CommandRunner(library.streams, library.projections, handlers, index,
                    StorageObjectMapper.create(), settings, library.router, ObservationRegistry.NOOP,
                    Clock.systemUTC(), new EventSourcingExecutors(), (point, id) -> {
                        if (point.equals("after-completion-of-" + STEP)) {
                            stepCompleted.countDown();
                        }
                    });
            commands = new DefaultCommands(library.streams, library.projections, handlers, index,
                    new RecentCommandList(library.streams), runner, StorageObjectMapper.create());
        }

        @Override
        public CommandType type() {
            return type;
        }

        @Override
        public Class<Day> parametersType() {
            return Day.class;
        }

        @Override
        public void declareSteps(CommandSteps<Day> steps) {
            steps.forEachInstance(STEP, FanOutInstances.everyInstanceOf(accounts), (step, account) -> {
                step.effectOn(account, target -> accrue(library.projections, account, step.parameters().day(),
                        target::append));
                return "accrued";
            });
        }

        @Override
        public String name() {
            return Side.LIBRARY;
        }

        @Override
        public RoundTrips roundTrips() {
            return trips;
        }

        @Override
        public void operation() throws Exception {
            stepCompleted = new CountDownLatch(1);
            last = commands.start(type, "run-" + ++runs, new Day(runs), WriteContext.EMPTY);
            if (!stepCompleted.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the fan-out did not complete");
            }
        }

        @Override
        public void afterOperation() {
            Map<String, Integer> counts = library.projections.project(last.streamId(), FanOutResults.class).state()
                    .countsOf(STEP);
            if (!counts.equals(Map.of("accrued", count))) {
                problems.add(last.id() + " recorded " + counts + " for " + count + " accounts");
            }
        }

        @Override
        public List<String> problems() {
            return problems;
        }
    }
}
