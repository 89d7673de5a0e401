package io.github.eventsourcing.azure.benchmark;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import io.github.eventsourcing.azure.blob.internal.AppendBlobEventStore;
import io.github.eventsourcing.azure.spi.ChangeFeed;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.PendingChanges;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.table.internal.TableEventStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * Issue 19, ask 2: what finding the changed streams costs per poll, with many streams stored and few changed. A poll
 * reads the change index; the sweep (hourly by default) searches the whole store, as every poll did before the index.
 * Both are measured on the store's own feed, counted by its {@link RoundTrips}. The stored streams count only as what
 * a sweep must go through, so they are written directly in the library's layout by {@link PublishedStreams} (one
 * event each, published), on a client of their own without simulated latency, many requests in flight (see
 * {@link #store} for how each stream type starts):
 * <ul>
 *   <li>Table: the sweep's filter ({@code Pending eq true}) is evaluated by the service on every row of the tables, so
 *       the rows it examines are all the rows there are (counted after the measurement).</li>
 *   <li>AppendBlob: the sweep lists every segment and marker blob, so the blobs it reads are the blobs it lists
 *       (counted by the listing).</li>
 * </ul>
 * The changed streams are appended through the library as a writer appends, and their index entries written as the
 * writing process's dispatcher writes them.
 */
final class ChangeFindingCost {

    /** Requests in flight while setting up: enough to keep Azurite busy, bounded so that it is not flooded. */
    private static final int SETUP_THREADS = 32;

    /**
     * Stored streams per stream type (one table or container each) in the full run. Azurite's in-memory table store
     * looks an inserted row up among all rows of its table with the same row key, and every stream has a
     * {@code !HEAD} and an {@code E-0000000001} row: an insert costs time in proportion to the streams already in its
     * table, so one table of 100,000 streams slows the set-up down to a crawl (Azure has no such cost). The sweep goes
     * through every stream table or container all the same.
     */
    static final int FULL_STREAMS_PER_TYPE = 10_000;

    /**
     * @param pollRequests  requests of one poll (reading the index)
     * @param pollRows      index entries (rows or blobs) the poll read
     * @param sweepRequests requests of one full search
     * @param sweepRows     rows the service examines, or blobs listed, in one full search
     * @param found         streams the sweep found pending
     */
    record Result(String backend, int streams, int changed, long pollRequests, long pollRows, long sweepRequests,
                  long sweepRows, long found) {

        String benchLine() {
            return String.format(Locale.ROOT, "BENCH change-finding-%s streams=%d changed=%d poll-requests=%d "
                    + "poll-reads=%d sweep-requests=%d sweep-reads=%d", backend, streams, changed, pollRequests,
                    pollRows, sweepRequests, sweepRows);
        }
    }

    private final BenchClients clients;
    private final int streamsPerType;

    ChangeFindingCost(BenchClients clients, int streamsPerType) {
        this.clients = clients;
        this.streamsPerType = streamsPerType;
    }

    Result table(int streams, int changed) {
        String prefix = "cf" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        RoundTrips trips = new RoundTrips();
        TableEventStore store = new TableEventStore(clients.table(trips), prefix);
        changeSome(store, changed);
        TableServiceClient setUp = clients.withoutLatency().table(new RoundTrips());
        List<StreamId.StreamType> types = store(store, streams, type -> {
            TableClient table = setUp.getTableClient(store.tableNameFor(type));
            return (id, at) -> PublishedStreams.writeTableStream(table, id, at);
        });
        Result measured = measure("table", store, trips, streams, changed);
        // The sweep examines every row of every stream table.
        long rows = types.stream().mapToLong(type -> setUp.getTableClient(store.tableNameFor(type))
                .listEntities(new ListEntitiesOptions().setSelect(List.of("PartitionKey")), null, null)
                .stream().count()).sum();
        return new Result("table", streams, changed, measured.pollRequests(), measured.pollRows(),
                measured.sweepRequests(), rows, measured.found());
    }

    Result blob(int streams, int changed) {
        String prefix = "cf" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        RoundTrips trips = new RoundTrips();
        AppendBlobEventStore store = new AppendBlobEventStore(clients.blob(trips), prefix);
        changeSome(store, changed);
        BlobServiceClient setUp = clients.withoutLatency().blob(new RoundTrips());
        store(store, streams, type -> {
            BlobContainerClient container = setUp.getBlobContainerClient(store.containerNameFor(type));
            return (id, at) -> PublishedStreams.writeBlobStream(container, id, at);
        });
        Result measured = measure("append-blob", store, trips, streams, changed);
        return new Result("append-blob", streams, changed, measured.pollRequests(), measured.pollRows(),
                measured.sweepRequests(), blobsInStreamContainers(prefix), measured.found());
    }

    /**
     * Stores {@code count} published streams, {@link #streamsPerType} per stream type. Of each type, the library
     * appends and publishes the first (creating its table or container as it does); the next is written directly and
     * read back through the library, and the rest are written like it, many at a time.
     *
     * @return the stream types stored
     */
    private List<StreamId.StreamType> store(EventStore store, int count,
                                            Function<StreamId.StreamType, BiFunction<StreamId, Instant, String>> writers) {
        Instant now = Instant.now();
        List<StreamId.StreamType> types = new ArrayList<>();
        for (int first = 0; first < count; first += streamsPerType) {
            StreamId.StreamType type = stored(first).type();
            types.add(type);
            BiFunction<StreamId, Instant, String> writer = writers.apply(type);
            storePublished(store, first, Math.min(count, first + streamsPerType), this::stored,
                    i -> new BenchEvents.MoneyDeposited(stored(i).instanceKey(), 1, "r"),
                    i -> writer.apply(stored(i), now));
        }
        return types;
    }

    /**
     * Stores the published streams {@code ids(from)} to {@code ids(end - 1)} of one stream type, one deposit each: the
     * library appends and publishes the first (creating its table or container as it does); the next is written
     * directly and read back through the library, and the rest are written like it, many at a time.
     *
     * @param writeDirectly writes the i-th stream in the library's layout, returning its event's id
     */
    static void storePublished(EventStore store, int from, int end, IntFunction<StreamId> ids,
                               IntFunction<BenchEvents.MoneyDeposited> deposits, IntFunction<String> writeDirectly) {
        ChangeFeed feed = store.changeFeed().orElseThrow();
        new Library(store).streams.stream(ids.apply(from)).append(List.of(deposits.apply(from)),
                AppendOptions.mustBeNew());
        PendingChanges pending = feed.read(ids.apply(from), 10);
        feed.markPublished(pending, pending.current().version());
        if (from + 1 < end) {
            PublishedStreams.requirePublished(store, ids.apply(from + 1), writeDirectly.apply(from + 1));
            inParallel(from + 2, end, writeDirectly::apply);
        }
    }

    /** Segments, markers and tombstones: what the sweep lists. */
    private long blobsInStreamContainers(String prefix) {
        var service = clients.blob(new RoundTrips());
        return service.listBlobContainers().stream().filter(c -> c.getName().startsWith(prefix + "-"))
                .mapToLong(c -> service.getBlobContainerClient(c.getName()).listBlobs().stream().count()).sum();
    }

    /** Appends to {@code count} new streams and indexes them, as a writing process does. */
    private static List<StreamId> changeSome(EventStore store, int count) {
        Library library = new Library(store);
        List<StreamId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StreamId id = StreamId.of("BenchFeed", "Account0", "changed-" + i);
            appendOne(library, id);
            ids.add(id);
        }
        store.changeFeed().orElseThrow().index().orElseThrow().add(ids);
        return ids;
    }

    private static Result measure(String backend, EventStore store, RoundTrips trips, int streams, int changed) {
        ChangeFeed feed = store.changeFeed().orElseThrow();
        long before = trips.count();
        AtomicLong entries = new AtomicLong();
        feed.index().orElseThrow().forEachEntry(null, id -> entries.incrementAndGet());
        long pollRequests = trips.count() - before;
        before = trips.count();
        AtomicLong found = new AtomicLong();
        feed.forEachPendingStream(null, id -> found.incrementAndGet());
        long sweepRequests = trips.count() - before;
        // A measurement of a wrong answer is worthless: the stored streams must read as published, the changed ones not.
        if (found.get() != changed) {
            throw new IllegalStateException("The sweep found " + found.get() + " changed streams, expected " + changed);
        }
        return new Result(backend, streams, changed, pollRequests, entries.get(), sweepRequests, -1, found.get());
    }

    private static void appendOne(Library library, StreamId id) {
        library.streams.stream(id).append(List.of(new BenchEvents.MoneyDeposited(id.instanceKey(), 1, "r")),
                AppendOptions.mustBeNew());
    }

    /** The i-th stored stream; the changed streams share the type of the first {@link #streamsPerType}. */
    private StreamId stored(int i) {
        return StreamId.of("BenchFeed", "Account" + i / streamsPerType, "stored-" + i);
    }

    /** Calls the action for {@code from <= i < to}, with a bounded number of requests in flight. */
    static void inParallel(int from, int to, IntConsumer action) {
        ExecutorService threads = Executors.newFixedThreadPool(SETUP_THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < SETUP_THREADS; t++) {
                int first = t;
                done.add(threads.submit(() -> {
                    for (int i = from + first; i < to; i += SETUP_THREADS) {
                        action.accept(i);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Setting up the stored streams failed", e);
        } finally {
            threads.shutdownNow();
        }
    }
}
