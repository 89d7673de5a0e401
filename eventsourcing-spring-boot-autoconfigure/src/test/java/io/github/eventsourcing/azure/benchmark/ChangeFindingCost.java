package io.github.eventsourcing.azure.benchmark;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import io.github.eventsourcing.azure.blob.internal.AppendBlobEventStore;
import io.github.eventsourcing.azure.spi.ChangeFeed;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.PendingChanges;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.table.internal.TableEventStore;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Issue 19, ask 2: what finding the changed streams costs per poll, with many streams stored and few changed. A poll
 * reads the change index; the sweep (hourly by default) searches the whole store, as every poll did before the index.
 * Both are measured on the store's own feed, each with a fresh {@link RoundTrips}; the stored streams are set up
 * cheaply and count only as what a sweep must go through:
 * <ul>
 *   <li>Table: one header row per stored stream, published ({@code Pending} false), inserted in parallel; the sweep's
 *       filter ({@code Pending eq true}) is evaluated by the service on every row of the tables, so the rows it
 *       examines are all the rows there are (counted after the measurement).</li>
 *   <li>AppendBlob: real streams written and published through the library; the sweep lists every segment and
 *       marker blob, so the blobs it reads are the blobs it lists (counted by the listing).</li>
 * </ul>
 * The changed streams are appended through the library, and their index entries written as the writing process's
 * dispatcher writes them.
 */
final class ChangeFindingCost {

    private static final int SETUP_THREADS = 16;

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

    ChangeFindingCost(BenchClients clients) {
        this.clients = clients;
    }

    Result table(int streams, int changed) {
        String prefix = "cf" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        RoundTrips trips = new RoundTrips();
        TableServiceClient service = clients.table(trips);
        TableEventStore store = new TableEventStore(service, prefix);
        List<StreamId> changedStreams = changeSome(store, changed);
        TableClient table = service.getTableClient(store.tableNameFor(changedStreams.get(0).type()));
        Instant now = Instant.now();
        inParallel(streams, i -> table.createEntity(new TableEntity("stored-" + i, RawTableRows.HEAD)
                .addProperty("FormatVersion", 3).addProperty("Version", 1L).addProperty("Pending", false)
                .addProperty("CreatedAt", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .addProperty("Domain", "BenchFeed").addProperty("EntityType", "Account")));
        Result measured = measure("table", store, trips, streams, changed);
        // The store has this one stream table: a sweep examines every row of it.
        long rows = table.listEntities(new ListEntitiesOptions().setSelect(List.of("PartitionKey")), null, null)
                .stream().count();
        return new Result("table", streams, changed, measured.pollRequests(), measured.pollRows(),
                measured.sweepRequests(), rows, measured.found());
    }

    Result blob(int streams, int changed) {
        String prefix = "cf" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        RoundTrips trips = new RoundTrips();
        AppendBlobEventStore store = new AppendBlobEventStore(clients.blob(trips), prefix);
        Library library = new Library(store);
        ChangeFeed feed = store.changeFeed().orElseThrow();
        inParallel(streams, i -> {
            StreamId id = StreamId.of("BenchFeed", "Account", "stored-" + i);
            library.streams.stream(id).append(List.of(new BenchEvents.MoneyDeposited(id.instanceKey(), 1, "r")),
                    AppendOptions.mustBeNew());
            PendingChanges pending = feed.read(id, 10);
            feed.markPublished(pending, pending.current().version());
        });
        changeSome(store, changed);
        Result measured = measure("append-blob", store, trips, streams, changed);
        return new Result("append-blob", streams, changed, measured.pollRequests(), measured.pollRows(),
                measured.sweepRequests(), blobsInStreamContainers(prefix), measured.found());
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
            StreamId id = StreamId.of("BenchFeed", "Account", "changed-" + i);
            library.streams.stream(id).append(List.of(new BenchEvents.MoneyDeposited(id.instanceKey(), 1, "r")),
                    AppendOptions.mustBeNew());
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
        return new Result(backend, streams, changed, pollRequests, entries.get(), sweepRequests, -1, found.get());
    }

    /** Runs the action for 0 to count - 1 on a few threads: set-up rather than measurement. */
    static void inParallel(int count, IntConsumer action) {
        ExecutorService threads = Executors.newFixedThreadPool(SETUP_THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < SETUP_THREADS; t++) {
                int first = t;
                done.add(threads.submit(() -> {
                    for (int i = first; i < count; i += SETUP_THREADS) {
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
