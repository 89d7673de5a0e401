package io.github.eventsourcing.azure.benchmark;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableServiceException;
import com.azure.data.tables.models.TableTransactionAction;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventsourcing.azure.benchmark.BenchCase.Bar;
import io.github.eventsourcing.azure.benchmark.BenchEvents.Balance;
import io.github.eventsourcing.azure.benchmark.BenchEvents.MoneyDeposited;
import io.github.eventsourcing.azure.stream.internal.StorageObjectMapper;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.table.internal.TableEventStore;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static io.github.eventsourcing.azure.benchmark.BenchEvents.deposit;
import static io.github.eventsourcing.azure.benchmark.BenchEvents.requireFold;
import static io.github.eventsourcing.azure.benchmark.RawTableRows.insert;

/**
 * The Table backend's cases. Each side has its own client, built once; the library writes to its tables, the raw
 * sides to tables of their own (Azurite scans a whole table per query, so each side's queries see tables of the same
 * size), except that the raw read reads the very partition the library wrote.
 */
final class TableCases implements AutoCloseable {

    /** Azure's limit of operations per entity group transaction. */
    static final int ROWS_PER_TRANSACTION = 100;
    /** The library's atomic limit: two rows per event, plus the header and the version proof. */
    static final int EVENTS_PER_ATOMIC_APPEND = 49;

    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final RoundTrips libraryTrips = new RoundTrips();
    private final RoundTrips rawTrips = new RoundTrips();
    private final RoundTrips minimalTrips = new RoundTrips();
    private final RoundTrips originalTrips = new RoundTrips();
    private final TableServiceClient rawClient;
    private final TableServiceClient minimalClient;
    private final TableServiceClient originalClient;
    private final TableEventStore store;
    private final Library library;
    private final TransactionShapes shapes;
    /** The raw sides' JSON: a plain Jackson mapper, as an application using the SDK directly would have. */
    private final ObjectMapper json = new ObjectMapper();

    private final PrintStream progress;
    private final List<SameRows> sameRows = new ArrayList<>();

    TableCases(BenchClients clients, PrintStream progress) {
        this.progress = progress;
        store = new TableEventStore(clients.table(libraryTrips), "bench");
        library = new Library(store);
        rawClient = clients.table(rawTrips);
        minimalClient = clients.table(minimalTrips);
        originalClient = clients.table(originalTrips);
        shapes = new TransactionShapes(clients);
    }

    /** Ends the notification dispatcher of {@link #transactionShape}. */
    @Override
    public void close() {
        shapes.close();
    }

    private StreamId stream(String name, String key) {
        return StreamId.of("Bench" + name + run, "Account", key);
    }

    /**
     * A raw side's own table, its name as long as the library's table for the same case: every operation of a
     * transaction names its table in a URL, so a shorter name would send the raw side fewer bytes for the same rows.
     */
    private TableClient rawTable(TableServiceClient client, String name, StreamId libraryStream) {
        String table = "bench" + name + run;
        table += "0".repeat(Math.max(0, store.tableNameFor(libraryStream.type()).length() - table.length()));
        client.createTableIfNotExists(table);
        return client.getTableClient(table);
    }

    private byte[] json(Object event) {
        try {
            return json.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    /** A partition the library wrote and one a raw side wrote doing the same operations. */
    private record SameRows(String what, TableClient library, String libraryPartition, TableClient raw,
                            String rawPartition) {
    }

    /** The library's table of a stream, read through the raw client. */
    private TableClient libraryTable(StreamId id) {
        return rawClient.getTableClient(store.tableNameFor(id.type()));
    }

    /**
     * Where a raw side's rows differ from the library's after the same operations: kinds of row (!HEAD, E-, ID-) with
     * their properties and types, and how many of each. Empty when the raw side wrote exactly the library's rows.
     */
    List<String> rowDifferences() {
        List<String> differences = new ArrayList<>();
        for (SameRows pair : sameRows) {
            Map<String, Integer> library = rowShapes(pair.library(), pair.libraryPartition());
            Map<String, Integer> raw = rowShapes(pair.raw(), pair.rawPartition());
            if (!library.equals(raw)) {
                differences.add(pair.what() + ": the library wrote " + library + ", the raw side " + raw);
            }
        }
        return differences;
    }

    private static Map<String, Integer> rowShapes(TableClient table, String partitionKey) {
        Map<String, Integer> shapes = new TreeMap<>();
        for (TableEntity row : table.listEntities(new ListEntitiesOptions()
                .setFilter("PartitionKey eq '" + partitionKey + "'"), null, null)) {
            String key = row.getRowKey();
            String kind = key.startsWith("E-") ? "E-<n>" : key.startsWith("ID-") ? "ID-<id>" : key;
            Map<String, String> properties = new TreeMap<>();
            row.getProperties().forEach((property, value) -> {
                if (!property.equals("PartitionKey") && !property.equals("RowKey") && !property.equals("Timestamp")
                        && !property.startsWith("odata.")) {
                    properties.put(property, value == null ? "null" : value.getClass().getSimpleName());
                }
            });
            shapes.merge(kind + properties, 1, Integer::sum);
        }
        return shapes;
    }

    // ---- append one event -------------------------------------------------------------------------------------

    BenchCase appendKnownVersion(int operationsPerRound) {
        return appendOne("table-append-known", "append 1 event, version known (Table)", true, operationsPerRound);
    }

    BenchCase appendUnknownVersion(int operationsPerRound) {
        return appendOne("table-append-unknown", "append 1 event, version unknown (Table)", false, operationsPerRound);
    }

    private BenchCase appendOne(String id, String title, boolean versionKnown, int operationsPerRound) {
        String name = versionKnown ? "Known" : "Unknown";
        // Version unknown: the process has not seen the stream (its version cache is off), as after a restart.
        EventStream stream = (versionKnown ? library.streams : library.unseen).stream(stream("Append" + name, "a-1"));
        long[] libraryVersion = {0};
        Side librarySide = Side.of(Side.LIBRARY, libraryTrips, () -> {
            AppendOptions options = versionKnown ? AppendOptions.expectingVersion(libraryVersion[0]) : AppendOptions.DEFAULT;
            libraryVersion[0] = stream.append(deposit(libraryVersion[0] + 1), options).lastSequence();
        });

        TableClient raw = rawTable(rawClient, "append" + name.toLowerCase(), stream.id());
        sameRows.add(new SameRows(title, libraryTable(stream.id()), "a-1", raw, "a-1"));
        long[] rawVersion = {0};
        Side rawSide = Side.of(Side.RAW, rawTrips, () -> {
            long version = versionKnown ? rawVersion[0] : headVersion(raw, "a-1");
            raw.submitTransaction(appendTransaction("a-1", version, deposit(version + 1)));
            rawVersion[0] = version + 1;
        });

        TableClient minimal = rawTable(minimalClient, "append" + name.toLowerCase() + "min", stream.id());
        long[] minimalVersion = {0};
        Side minimalSide = Side.of(Side.MINIMAL, minimalTrips, () -> {
            long sequence = ++minimalVersion[0];
            minimal.createEntity(RawTableRows.event("a-1", sequence, newId(), json(deposit(sequence)), now()));
        });

        List<String> work = new ArrayList<>();
        work.add("library: stream.append(event" + (versionKnown ? ", expectingVersion(v))" : ") on a stream the process "
                + "has not seen (version cache off)")
                + (versionKnown ? "" : ": point read of !HEAD, then") + " one transaction: insert ID-<event id>, merge E-<v>"
                + " (proves the version), insert E-<v+1>, merge !HEAD");
        work.add("raw, same rows: " + (versionKnown ? "" : "the same point read, then ")
                + "the same 4 operations in one TableClient.submitTransaction");
        work.add("raw, minimal: TableClient.createEntity of E-<n> alone (sequence kept in memory, no header, no id row)");
        return new BenchCase(id, title, work, List.of(librarySide, rawSide, minimalSide), operationsPerRound, 1, false,
                versionKnown ? Bar.of(0.9, 1) : Bar.of(0.9, 2));
    }

    /** The transaction the library sends to append one event at a known version, built by hand. */
    private List<TableTransactionAction> appendTransaction(String partitionKey, long version, MoneyDeposited event) {
        String eventId = newId();
        Instant now = now();
        byte[] json = json(event);
        List<TableTransactionAction> actions = new ArrayList<>(4);
        actions.add(insert(RawTableRows.eventId(partitionKey, eventId, version + 1, newId(), json)));
        if (version > 0) {
            actions.add(RawTableRows.proof(partitionKey, version));
        }
        actions.add(insert(RawTableRows.event(partitionKey, version + 1, eventId, json, now)));
        actions.add(version > 0 ? RawTableRows.merge(RawTableRows.headUpdate(partitionKey, version + 1))
                : insert(RawTableRows.newHead(partitionKey, version + 1, now)));
        return actions;
    }

    private static long headVersion(TableClient table, String partitionKey) {
        try {
            return (Long) table.getEntity(partitionKey, RawTableRows.HEAD).getProperty("Version");
        } catch (TableServiceException missing) {
            if (missing.getResponse().getStatusCode() == 404) {
                return 0;
            }
            throw missing;
        }
    }

    // ---- append one event, against the original design ------------------------------------------------------

    /**
     * The comparison a user of the original library makes: its three-round-trip append against the library's append
     * modes, each on a stream (or, for a new stream, a table) of its own, one writer, one event per append. The
     * original writes the event as the library's storage mapper serializes it, to a table named as long as theirs.
     */
    BenchCase appendVersusOriginal(int operationsPerRound) {
        // Domains of equal length, so that every side's table name is as long as every other's.
        EventStream known = library.streams.stream(stream("VsKnown", "o-1"));
        EventStream unknown = library.streams.stream(stream("VsNoVer", "o-1"));
        EventStream existing = library.streams.stream(stream("VsExist", "o-1"));
        existing.append(deposit(0), AppendOptions.mustBeNew());
        EventStream unseen = library.unseen.stream(stream("VsUnseen", "o-1"));
        long[] knownVersion = {0};
        int[] newStreams = {0};
        Side expectedVersion = Side.of("expected version", libraryTrips, () -> knownVersion[0] = known
                .append(deposit(knownVersion[0] + 1), AppendOptions.expectingVersion(knownVersion[0])).lastSequence());
        Side noExpectedVersion = Side.of("no expected version", libraryTrips, () -> unknown.append(deposit(1)));
        Side mustExist = Side.of("must exist", libraryTrips,
                () -> existing.append(deposit(1), AppendOptions.mustExist()));
        Side cold = Side.of("cold no expected version", libraryTrips, () -> unseen.append(deposit(1)));
        Side mustBeNew = Side.of("must be new", libraryTrips, () -> library.streams
                .stream(stream("VsFresh", "n-" + ++newStreams[0])).append(deposit(1), AppendOptions.mustBeNew()));

        ObjectMapper storageMapper = StorageObjectMapper.create();
        OriginalTableAppend original = new OriginalTableAppend(rawTable(originalClient, "original", known.id()), "o-1");
        long[] originalVersion = {0};
        Side originalSide = Side.of(Side.ORIGINAL, originalTrips,
                () -> originalVersion[0] = original.append(storageMapper.writeValueAsBytes(deposit(originalVersion[0] + 1))));

        List<String> work = List.of(
                "original design: point read of the footer row (the last sequence), If-Match update of it with the "
                        + "sequence bumped, insert of the event row: 3 round trips, not atomic",
                "expected version: stream.append(event, expectingVersion(v)): one transaction",
                "no expected version: stream.append(event): the transaction, at the version the process saw last "
                        + "(its version cache)",
                "must exist: stream.append(event, mustExist()) on an existing stream: the transaction, at the version "
                        + "the process saw last",
                "cold no expected version: stream.append(event) on a stream the process has not seen (version "
                        + "cache off): point read of !HEAD, then the transaction",
                "must be new: stream.append(event, mustBeNew()) to a new stream each time: one transaction");
        return new BenchCase("table-vs-original", "append 1 event, against the original design (Table)", work,
                List.of(expectedVersion, noExpectedVersion, mustExist, mustBeNew, cold, originalSide), operationsPerRound,
                1, false, Bar.none());
    }

    /**
     * A new stream each time on both sides: the library's {@code mustBeNew()} (one transaction) against the original
     * creating a stream ({@link OriginalTableAppend#appendToNewStream}, three round trips). Both tables fill with
     * streams alike, so the emulator's cost of finding rows that share a row key across streams (see the README) falls
     * on both, as it would not against the original appending to one stream.
     */
    BenchCase appendNewStreamVersusOriginal(int operationsPerRound) {
        int[] libraryStreams = {0};
        Side mustBeNew = Side.of("must be new", libraryTrips, () -> library.streams
                .stream(stream("VsFirst", "n-" + ++libraryStreams[0])).append(deposit(1), AppendOptions.mustBeNew()));

        ObjectMapper storageMapper = StorageObjectMapper.create();
        TableClient originalTable = rawTable(originalClient, "originalnew", stream("VsFirst", "n-1"));
        int[] originalStreams = {0};
        Side originalSide = Side.of(Side.ORIGINAL, originalTrips, () -> OriginalTableAppend.appendToNewStream(
                originalTable, "n-" + ++originalStreams[0], storageMapper.writeValueAsBytes(deposit(1))));

        List<String> work = List.of(
                "original design, new stream: point read of the footer row (not found), insert of the footer at "
                        + "sequence 1, insert of the event row: 3 round trips, not atomic",
                "must be new: stream.append(event, mustBeNew()) to a new stream each time: one transaction");
        return new BenchCase("table-vs-original-new-stream",
                "append 1 event to a new stream, against the original design creating one (Table)", work,
                List.of(mustBeNew, originalSide), operationsPerRound, 1, false, Bar.none());
    }

    // ---- fewer operations per transaction ------------------------------------------------------------------------

    /** If-Match on the header instead of touching E-v, against the transaction as it is: see {@link TransactionShapes}. */
    BenchCase transactionShape(boolean warm, int operationsPerRound) {
        String name = warm ? "ShapeWarm" : "ShapeCold";
        return shapes.compare(warm ? "table-shape-warm" : "table-shape-cold", warm, key -> stream(name, key),
                operationsPerRound);
    }

    // ---- bulk append --------------------------------------------------------------------------------------------

    BenchCase bulkAppend(int events, int operationsPerRound) {
        int[] streams = {0, 0, 0};
        Side librarySide = Side.of(Side.LIBRARY, libraryTrips, () -> {
            List<Object> batch = new ArrayList<>(events);
            for (int i = 1; i <= events; i++) {
                batch.add(deposit(i));
            }
            library.streams.stream(stream("Bulk", "b-" + ++streams[0])).appendNonAtomically(batch, WriteContext.EMPTY);
        });

        TableClient raw = rawTable(rawClient, "bulk", stream("Bulk", "b-1"));
        sameRows.add(new SameRows("bulk append", libraryTable(stream("Bulk", "b-1")), "b-1", raw, "b-1"));
        Side rawSide = Side.of(Side.RAW, rawTrips, () -> {
            String partitionKey = "b-" + ++streams[1];
            Instant now = now();
            String appendId = newId();
            List<TableEntity> rows = new ArrayList<>(2 * events + 1);
            for (int i = 1; i <= events; i++) {
                String eventId = newId();
                byte[] json = json(deposit(i));
                rows.add(RawTableRows.eventId(partitionKey, eventId, i, appendId, json));
                rows.add(RawTableRows.event(partitionKey, i, eventId, json, now));
            }
            rows.add(RawTableRows.newHead(partitionKey, events, now));
            insertInTransactions(raw, rows);
        });

        TableClient minimal = rawTable(minimalClient, "bulkmin", stream("Bulk", "b-1"));
        Side minimalSide = Side.of(Side.MINIMAL, minimalTrips, () -> {
            String partitionKey = "b-" + ++streams[2];
            Instant now = now();
            List<TableEntity> rows = new ArrayList<>(events);
            for (int i = 1; i <= events; i++) {
                rows.add(RawTableRows.event(partitionKey, i, newId(), json(deposit(i)), now));
            }
            insertInTransactions(minimal, rows);
        });

        int chunks = (events + EVENTS_PER_ATOMIC_APPEND - 1) / EVENTS_PER_ATOMIC_APPEND;
        int rawRows = 2 * events + 1;
        List<String> work = List.of(
                "library: appendNonAtomically(" + events + " events) = " + chunks + " atomic appends of <= "
                        + EVENTS_PER_ATOMIC_APPEND + " events (the atomic limit: 2 rows per event + header + version "
                        + "proof in one transaction of <= 100); each inserts the ID- and E- rows and merges !HEAD and "
                        + "E-<v>; the first reads !HEAD first (a point read)",
                "raw, same rows: the same " + rawRows + " distinct rows (" + events + " ID-, " + events + " E-, !HEAD) "
                        + "in " + transactions(rawRows) + " transactions of <= 100 (no repeated header merges or proofs)",
                "raw, minimal: " + events + " E- rows in " + transactions(events) + " transactions of <= 100");
        return new BenchCase("table-bulk-append", "bulk (non-atomic) append of " + events + " events (Table)", work,
                List.of(librarySide, rawSide, minimalSide), operationsPerRound, events, false, Bar.ratio(0.9));
    }

    private static int transactions(int rows) {
        return (rows + ROWS_PER_TRANSACTION - 1) / ROWS_PER_TRANSACTION;
    }

    private static void insertInTransactions(TableClient table, List<TableEntity> rows) {
        for (int from = 0; from < rows.size(); from += ROWS_PER_TRANSACTION) {
            List<TableTransactionAction> actions = new ArrayList<>(ROWS_PER_TRANSACTION);
            for (TableEntity row : rows.subList(from, Math.min(rows.size(), from + ROWS_PER_TRANSACTION))) {
                actions.add(insert(row));
            }
            table.submitTransaction(actions);
        }
    }

    // ---- project a stream ---------------------------------------------------------------------------------------

    BenchCase project(int events, int operationsPerRound) {
        StreamId id = stream("Project", "p-1");
        List<Object> batch = new ArrayList<>(events);
        long expectedCents = 0;
        for (int i = 1; i <= events; i++) {
            batch.add(deposit(i));
            expectedCents += deposit(i).amountCents();
        }
        long started = System.nanoTime();
        library.streams.stream(id).appendNonAtomically(batch, WriteContext.EMPTY);
        progress.printf("  built a %,d-event stream in %.1f s%n", events, (System.nanoTime() - started) / 1e9);
        long cents = expectedCents;

        Side librarySide = Side.of(Side.LIBRARY, libraryTrips, () -> {
            ProjectionResult<Balance> balance = library.projections.project(id, Balance.class);
            requireFold(balance.state().deposits, balance.state().cents, events, cents);
        });

        // The raw read goes to the very partition the library wrote, through its own client.
        TableClient raw = rawClient.getTableClient(store.tableNameFor(id.type()));
        String rawFilter = "PartitionKey eq 'p-1' and (RowKey ge '!HEAD' and RowKey le 'E-9999999999')";
        Side rawSide = Side.of(Side.RAW, rawTrips, () -> foldRows(raw, rawFilter, true, events, cents));

        TableClient minimal = rawTable(minimalClient, "projectmin", id);
        Instant now = now();
        List<TableEntity> rows = new ArrayList<>(events);
        for (int i = 1; i <= events; i++) {
            rows.add(RawTableRows.event("p-1", i, newId(), json(deposit(i)), now));
        }
        insertInTransactions(minimal, rows);
        Side minimalSide = Side.of(Side.MINIMAL, minimalTrips,
                () -> foldRows(minimal, "PartitionKey eq 'p-1'", false, events, cents));

        List<String> work = List.of(
                "library: projections.project(stream, Balance.class): one query of !HEAD..E-9999999999, a first "
                        + "page of 200 rows, then pages of up to 1,000, then a point read of !HEAD (the stream must not "
                        + "have been created anew during the read); each event deserialized and handed to the "
                        + "projection's handler",
                "raw, same rows: the same query on the same partition (the SDK's default pages) and the same point "
                        + "read of !HEAD, Jackson parses each event's Data, the balance is added up by hand",
                "raw, minimal: a scan of a partition holding only the " + events + " E- rows, parsed and added up");
        return new BenchCase("table-project", "project a " + String.format("%,d", events) + "-event stream (Table)",
                work, List.of(librarySide, rawSide, minimalSide), operationsPerRound, events, false, Bar.ratio(0.85));
    }

    /** Reads the rows of a partition query and folds them into a balance, as an application without the library. */
    private void foldRows(TableClient table, String filter, boolean withHeader, int events, long expectedCents)
            throws IOException {
        Iterator<TableEntity> rows = table.listEntities(new ListEntitiesOptions().setFilter(filter), null, null)
                .iterator();
        TableEntity head = withHeader && rows.hasNext() ? rows.next() : null;
        if (withHeader && (head == null || !RawTableRows.HEAD.equals(head.getRowKey()))) {
            throw new IllegalStateException("no stream header");
        }
        long cents = 0;
        long deposits = 0;
        Object lastWrittenAt = null;
        while (rows.hasNext()) {
            TableEntity row = rows.next();
            if (!BenchEvents.NAME.equals(row.getProperty("Name"))) {
                continue;
            }
            MoneyDeposited event = json.readValue((byte[]) row.getProperty("Data"), MoneyDeposited.class);
            cents += event.amountCents();
            deposits++;
            lastWrittenAt = row.getProperty("WrittenAt");
        }
        if (lastWrittenAt == null) {
            throw new IllegalStateException("no event read");
        }
        if (withHeader) {
            // As the library does after a read of several pages: the stream must still be the one whose header the
            // first page had (not deleted and created anew in between).
            Object createdAt = table.getEntity(head.getPartitionKey(), RawTableRows.HEAD).getProperty("CreatedAt");
            if (!createdAt.equals(head.getProperty("CreatedAt"))) {
                throw new IllegalStateException("the stream was created anew during the read");
            }
        }
        requireFold(deposits, cents, events, expectedCents);
    }

    // ---- library-only cases ------------------------------------------------------------------------------------

    BenchCase concurrentWriters(int writers, int eventsPerWriter, int operationsPerRound) {
        ConcurrentWriters side = new ConcurrentWriters(library.streams, libraryTrips, writers, eventsPerWriter,
                key -> stream("Concurrent", key));
        return new BenchCase("table-concurrent-writers", writers + " concurrent writers, one stream (Table)",
                side.work(), List.of(side), operationsPerRound, writers * eventsPerWriter, true, Bar.none());
    }

    BenchCase projectWithSnapshot(int events, int behind, int operationsPerRound) {
        SnapshotFold side = new SnapshotFold(library, libraryTrips, stream("Snapshot", "s-1"), events, behind,
                progress);
        return new BenchCase("table-project-snapshot", "project a " + String.format("%,d", events)
                + "-event stream with a snapshot " + behind + " events behind (Table)", side.work(), List.of(side),
                operationsPerRound, behind, false, Bar.roundTrips(3));
    }
}
