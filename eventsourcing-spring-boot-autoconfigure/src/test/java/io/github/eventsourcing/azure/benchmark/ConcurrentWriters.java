package io.github.eventsourcing.azure.benchmark;

import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.ConcurrencyConflictException;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.NewEvent;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamId;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static io.github.eventsourcing.azure.benchmark.BenchEvents.deposit;

/**
 * Several threads append to one stream at once, each event by itself at the end of the stream (no expected version),
 * as independent application instances would. After each operation the stream is read back: every acknowledged event
 * must be there exactly once, at consecutive sequences.
 */
final class ConcurrentWriters implements Side {

    /** Attempts per event before the benchmark gives up (the library itself retries each attempt many times). */
    private static final int MAX_ATTEMPTS = 20;

    private final EventStreams streams;
    private final RoundTrips trips;
    private final int writers;
    private final int eventsPerWriter;
    private final Function<String, StreamId> streamIds;
    private final ExecutorService pool;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong gaveUp = new AtomicLong();
    private final List<String> problems = new ArrayList<>();
    private StreamId current;
    private int operations;
    private long eventsChecked;
    private long totalLost;
    private long totalDuplicated;

    ConcurrentWriters(EventStreams streams, RoundTrips trips, int writers, int eventsPerWriter,
                      Function<String, StreamId> streamIds) {
        this.streams = streams;
        this.trips = trips;
        this.writers = writers;
        this.eventsPerWriter = eventsPerWriter;
        this.streamIds = streamIds;
        this.pool = Executors.newFixedThreadPool(writers, runnable -> {
            Thread thread = new Thread(runnable, "bench-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    List<String> work() {
        return List.of("library: " + writers + " threads each append " + eventsPerWriter + " events, one at a time, "
                + "to the same stream with stream.append(event) (no expected version: appends that wait for the one in "
                + "flight share the next transaction, at the version the process saw last); an event the library gives up on is appended again "
                + "with the same event id; afterwards the stream is read back (untimed) and checked");
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
        current = streamIds.apply("c-" + ++operations);
        acknowledged.clear();
        EventStream stream = streams.stream(current);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                start.await();
                for (int k = 1; k <= eventsPerWriter; k++) {
                    NewEvent event = NewEvent.of(deposit(k), "w" + writer + "-" + k);
                    append(stream, event);
                    acknowledged.add(event.eventId());
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> writer : done) {
            try {
                writer.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a writer failed: " + e.getCause(), e.getCause());
            }
        }
    }

    private void append(EventStream stream, NewEvent event) {
        for (int attempt = 1; ; attempt++) {
            try {
                stream.append(event, AppendOptions.DEFAULT);
                return;
            } catch (ConcurrencyConflictException busy) {
                gaveUp.incrementAndGet();
                if (attempt == MAX_ATTEMPTS) {
                    throw busy;
                }
            }
        }
    }

    @Override
    public void afterOperation() {
        List<RecordedEvent> events = streams.stream(current).read();
        Set<String> seen = new HashSet<>();
        long duplicated = 0;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).sequence() != i + 1) {
                problems.add(current + ": event #" + (i + 1) + " has sequence " + events.get(i).sequence());
                break;
            }
            if (!seen.add(events.get(i).eventId())) {
                duplicated++;
            }
        }
        long lost = acknowledged.stream().filter(id -> !seen.contains(id)).count();
        long unexpected = seen.stream().filter(id -> !acknowledged.contains(id)).count();
        if (lost > 0 || duplicated > 0 || unexpected > 0 || events.size() != writers * eventsPerWriter) {
            problems.add(current + ": " + lost + " lost, " + duplicated + " duplicated, " + unexpected
                    + " never acknowledged; " + events.size() + " events, " + writers * eventsPerWriter + " written");
        }
        eventsChecked += events.size();
        totalLost += lost;
        totalDuplicated += duplicated;
    }

    long lost() {
        return totalLost;
    }

    long duplicated() {
        return totalDuplicated;
    }

    @Override
    public List<String> notes() {
        return List.of(String.format("read back after each of %d operations: %d events, %d lost, %d duplicated; the "
                        + "library gave up on an append %d times (appended again with the same id)",
                operations, eventsChecked, totalLost, totalDuplicated, gaveUp.get()));
    }

    @Override
    public List<String> problems() {
        return List.copyOf(problems);
    }
}
