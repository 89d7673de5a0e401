package io.github.eventsourcing.azure.benchmark;

import io.github.eventsourcing.azure.benchmark.BenchEvents.SnapshottedBalance;
import io.github.eventsourcing.azure.projection.ProjectionOptions;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import static io.github.eventsourcing.azure.benchmark.BenchEvents.deposit;

/**
 * Folds a long stream whose newest snapshot is a fixed number of events behind: before each (timed) fold, the same
 * number of events is appended (untimed), so every fold starts from the snapshot the previous one wrote.
 */
final class SnapshotFold implements Side {

    private final Library library;
    private final RoundTrips trips;
    private final StreamId id;
    private final int behind;
    private final EventStream stream;
    private long version;
    private long expectedCents;

    /** Builds the stream (bulk appends) and its first snapshot, {@code behind} events before its end. */
    SnapshotFold(Library library, RoundTrips trips, StreamId id, int events, int behind, PrintStream progress) {
        this.library = library;
        this.trips = trips;
        this.id = id;
        this.behind = behind;
        this.stream = library.streams.stream(id);
        long started = System.nanoTime();
        appendEvents(events);
        progress.printf("  built a %,d-event stream in %.1f s%n", events, (System.nanoTime() - started) / 1e9);
        started = System.nanoTime();
        ProjectionResult<SnapshottedBalance> first = library.projections.project(id, SnapshottedBalance.class,
                ProjectionOptions.asOf(events - behind));
        progress.printf("  folded it up to %,d (writing the snapshot) in %.1f s%n", first.asOfSequence(),
                (System.nanoTime() - started) / 1e9);
    }

    List<String> work() {
        return List.of("untimed: append " + behind + " events (bulk), so the snapshot is " + behind + " events behind",
                "library: projections.project(stream, SnapshottedBalance.class): one query for the snapshot row, one "
                        + "for the header and the events from the snapshot's last one on, one write of the new "
                        + "snapshot (on the folding thread here, so it is counted)");
    }

    private void appendEvents(int count) {
        List<Object> events = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            events.add(deposit(version + i));
            expectedCents += deposit(version + i).amountCents();
        }
        stream.appendNonAtomically(events, WriteContext.EMPTY);
        version += count;
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
    public void beforeOperation() {
        appendEvents(behind);
    }

    @Override
    public void operation() {
        ProjectionResult<SnapshottedBalance> balance = library.projections.project(id, SnapshottedBalance.class);
        BenchEvents.requireFold(balance.state().deposits, balance.state().cents, version, expectedCents);
    }
}
