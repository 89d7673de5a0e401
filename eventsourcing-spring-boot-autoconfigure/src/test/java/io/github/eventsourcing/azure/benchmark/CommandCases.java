package io.github.eventsourcing.azure.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventsourcing.azure.benchmark.BenchCase.Bar;
import io.github.eventsourcing.azure.command.CommandExecution;
import io.github.eventsourcing.azure.command.CommandStatus;
import io.github.eventsourcing.azure.command.Commands;
import io.github.eventsourcing.azure.command.internal.CommandEvents;
import io.github.eventsourcing.azure.command.internal.CommandHandlers;
import io.github.eventsourcing.azure.command.internal.CommandRunner;
import io.github.eventsourcing.azure.command.internal.CommandSettings;
import io.github.eventsourcing.azure.command.internal.FanOutSettings;
import io.github.eventsourcing.azure.autoconfigure.command.CommandProperties;
import io.github.eventsourcing.azure.command.internal.DefaultCommands;
import io.github.eventsourcing.azure.command.internal.OpenCommandIndex;
import io.github.eventsourcing.azure.command.internal.RecentCommandList;
import io.github.eventsourcing.azure.command.transfers.LedgerApplication;
import io.github.eventsourcing.azure.command.transfers.LedgerApplication.Credited;
import io.github.eventsourcing.azure.command.transfers.LedgerApplication.Debited;
import io.github.eventsourcing.azure.command.transfers.LedgerApplication.Funds;
import io.github.eventsourcing.azure.command.transfers.LedgerApplication.Transfer;
import io.github.eventsourcing.azure.concurrent.internal.EventSourcingExecutors;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.stream.internal.StorageObjectMapper;
import io.github.eventsourcing.azure.table.internal.TableEventStore;
import io.github.eventsourcing.azure.testing.ObservedStreams;
import io.micrometer.observation.ObservationRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.github.eventsourcing.azure.command.transfers.LedgerApplication.TRANSFER;

/**
 * Commands on the Table backend: the two-step transfer of the command tests (debit with a funds check, then credit),
 * started through {@link Commands} and run by the library's runner as in an application, measured from the start
 * until the runner's last write for it. Library only: a raw baseline would have to re-implement the runner.
 */
final class CommandCases implements AutoCloseable {

    /** The steps of one transfer. */
    static final int STEPS = 2;

    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final RoundTrips trips = new RoundTrips();
    private final Library library;
    private final EventSourcingExecutors executors = new EventSourcingExecutors();
    private final CommandRunner runner;
    private final Commands commands;
    /** Counted down once the runner closed a command's entry in the index of open commands: its last write. */
    private final Map<String, CountDownLatch> ends = new ConcurrentHashMap<>();

    CommandCases(BenchClients clients) {
        List<Class<?>> eventTypes = new ArrayList<>(CommandEvents.TYPES);
        eventTypes.addAll(List.of(Credited.class, Debited.class));
        library = new Library(new TableEventStore(clients.table(trips), "benchcmd"), eventTypes);
        ObjectMapper mapper = StorageObjectMapper.create();
        CommandHandlers handlers = new CommandHandlers(List.of(new LedgerApplication.TransferHandler(
                library.projections, new LedgerApplication.Switches())));
        OpenCommandIndex index = new OpenCommandIndex(signallingEntryDeletions(library.streams));
        // No periodic check (it is never started) and a claim that outlasts any run: one instance, nothing to resume.
        CommandProperties.FanOut fanOut = new CommandProperties().getFanOut(); // unused by a transfer: the defaults
        CommandSettings settings = new CommandSettings(Duration.ofMinutes(5), Duration.ofMinutes(10), 1, 1, "bench",
                new FanOutSettings(fanOut.getParallelism(), fanOut.getRetryPasses(), fanOut.getOutcomesPerEvent(),
                        fanOut.getRecordInterval()));
        runner = new CommandRunner(library.streams, library.projections, handlers, index, mapper, settings,
                library.router, ObservationRegistry.NOOP, Clock.systemUTC(), executors, (point, commandId) -> { });
        commands = new DefaultCommands(library.streams, library.projections, handlers, index,
                new RecentCommandList(library.streams), runner, mapper);
    }

    BenchCase transfer(int operationsPerRound) {
        List<String> problems = new ArrayList<>();
        String[] transfer = {null};
        Side side = new Side() {
            private int number;

            @Override
            public String name() {
                return Side.LIBRARY;
            }

            @Override
            public RoundTrips roundTrips() {
                return trips;
            }

            /** Two new accounts per transfer, as most transfers touch accounts no other transfer just did. */
            @Override
            public void beforeOperation() {
                number++;
                account("from-" + number).append(new Credited(100), AppendOptions.mustBeNew());
                account("to-" + number).append(new Credited(0), AppendOptions.mustBeNew());
                transfer[0] = "t-" + run + "-" + number;
                ends.put(transfer[0], new CountDownLatch(1));
            }

            @Override
            public void operation() throws InterruptedException {
                commands.start(TRANSFER, transfer[0], new Transfer(run + "-from-" + number, run + "-to-" + number, 30),
                        WriteContext.EMPTY);
                if (!ends.get(transfer[0]).await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("transfer " + transfer[0] + " did not end within 60 s");
                }
            }

            @Override
            public void afterOperation() {
                CommandExecution execution = commands.instance(TRANSFER, transfer[0]).execution().state();
                long moved = library.projections.project(account("to-" + number).id(), Funds.class).state()
                        .getBalance();
                if (execution.getStatus() != CommandStatus.COMPLETED || moved != 30) {
                    problems.add(transfer[0] + " ended " + execution.getStatus() + " with " + moved + " moved");
                }
                ends.remove(transfer[0]);
            }

            @Override
            public List<String> problems() {
                return problems;
            }
        };
        List<String> work = List.of("library: Commands.start of a two-step transfer (debit: fold the source account, "
                + "check funds, append; credit: check the target exists, append), run by the library's runner: index "
                + "entry, list entry, command stream with parameters and claim; per step its start, a look for its "
                + "effect by event id, the effect, its completion; then the command's completion and the index "
                + "entry's deletion. Per step: the transfer's time and requests / " + STEPS);
        return new BenchCase("table-command-transfer", "two-step transfer command, debit + credit (Table)", work,
                List.of(side), operationsPerRound, STEPS, true, "step", Bar.roundTrips(13));
    }

    /** An account of the transfer handler's ledger, of this run. */
    private EventStream account(String key) {
        return library.streams.stream(LedgerApplication.account(run + "-" + key));
    }

    /**
     * The streams the index of open commands writes through, telling {@link #ends} when an entry was deleted: the
     * runner deletes a command's entry after everything else it writes, so the end of a run can be awaited without
     * reading storage (which would count requests the run did not make).
     */
    private EventStreams signallingEntryDeletions(EventStreams streams) {
        return ObservedStreams.of(streams, (entry, method, result) -> {
            CountDownLatch end = ends.get(entry.id().instanceKey());
            if (method.equals("delete") && end != null) {
                end.countDown();
            }
        });
    }

    @Override
    public void close() {
        runner.close();
        executors.close();
    }
}
