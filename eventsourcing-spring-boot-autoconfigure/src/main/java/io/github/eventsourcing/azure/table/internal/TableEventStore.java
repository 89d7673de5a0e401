package io.github.eventsourcing.azure.table.internal;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import io.github.eventsourcing.azure.spi.AppendRequest;
import io.github.eventsourcing.azure.spi.ChangeFeed;
import io.github.eventsourcing.azure.spi.DeadLetterStore;
import io.github.eventsourcing.azure.spi.EventSink;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.HealthProbe;
import io.github.eventsourcing.azure.spi.ReadModelStore;
import io.github.eventsourcing.azure.spi.SnapshotStore;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.AppendTooLargeException;
import io.github.eventsourcing.azure.stream.StreamId.StreamType;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.StreamRecreatedDuringReadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Event streams in Azure Table storage, in the tables, partitions and rows the
 * {@linkplain io.github.eventsourcing.azure.table package documentation} lays out. Every append is
 * a single entity group transaction, so it lands whole or not at all, and proves the expected version itself: an
 * append with an expected version takes one round trip, one without takes two. Deletion marks the stream deleted in
 * one transaction and then removes its rows in a way a later call resumes after a crash. See {@link StreamAppend} and
 * {@link StreamDeletion} for the details.
 *
 * <p>Tables are created on the first write to a stream type; reads of a type never written see no streams and create
 * nothing. Thread-safe; any number of instances, in any number of processes, may share the storage account.
 *
 * <p>Known rows (a header, a snapshot) are read by point reads, and conflicts show up as rejected transactions. The
 * Table SDK logs both a missing row and a rejected transaction at ERROR on the logger
 * {@code com.azure.data.tables.TableClient}, although here they are routine (a stream's first append, a concurrency
 * conflict); the Spring Boot starter turns that logger off by default, and an application that uses this class
 * without it may want to do the same. Every failure still reaches the caller as an exception.
 */
public final class TableEventStore implements EventStore, SnapshotStore, HealthProbe {

    private static final Logger log = LoggerFactory.getLogger(TableEventStore.class);

    /**
     * Rows of the first response when reading events: a short read, or one that stops early, costs one small request.
     * Later pages grow to as many rows as fit in about {@value RowIterator#LATER_PAGE_BYTES} bytes (at most 1,000,
     * Azure's largest page), never fewer than this: memory stays bounded even when events are large (up to 256 KiB
     * each), and a long stream of small events takes a round trip per 1,000 events.
     */
    static final int READ_PAGE_SIZE = 200;

    private final TableServiceClient serviceClient;
    private final TableNames names;
    private final Map<StreamType, TableClient> tables = new ConcurrentHashMap<>();
    private final StreamDeletion deletion = new StreamDeletion();
    private final TableChangeFeed changeFeed;
    private final TableDeadLetters deadLetters;
    private final TableReadModelStore readModelRows;
    /** Snapshot keys per table already warned about as too large; later misses are logged at debug level only. */
    private final Set<String> oversizedSnapshots = ConcurrentHashMap.newKeySet();

    /** A store whose tables are named with the prefix {@code es}. */
    public TableEventStore(TableServiceClient serviceClient) {
        this(serviceClient, TableNames.DEFAULT_PREFIX);
    }

    /**
     * A store whose table names start with the given prefix, e.g. to keep several applications apart in one account.
     *
     * @param tableNamePrefix 1 to 32 letters and digits, starting with a letter
     */
    public TableEventStore(TableServiceClient serviceClient, String tableNamePrefix) {
        this.serviceClient = Objects.requireNonNull(serviceClient, "serviceClient");
        this.names = new TableNames(tableNamePrefix);
        this.changeFeed = new TableChangeFeed(serviceClient, names.prefix(), this::partition);
        this.deadLetters = new TableDeadLetters(serviceClient, names.prefix());
        this.readModelRows = new TableReadModelStore(serviceClient, names.prefix());
    }

    /** The record of unpublished notifications every write of this store leaves (see {@link TableChangeFeed}). */
    @Override
    public Optional<ChangeFeed> changeFeed() {
        return Optional.of(changeFeed);
    }

    @Override
    public Optional<SnapshotStore> snapshots() {
        return Optional.of(this);
    }

    /** Set aside in a table of their own (see {@link TableDeadLetters}). */
    @Override
    public Optional<DeadLetterStore> deadLetters() {
        return Optional.of(deadLetters);
    }

    /** In a table of their own beside the streams (see {@link TableReadModelStore}). */
    @Override
    public Optional<ReadModelStore> readModelStore() {
        return Optional.of(readModelRows);
    }

    @Override
    public Optional<HealthProbe> healthProbe() {
        return Optional.of(this);
    }

    @Override
    public String backendName() {
        return "table";
    }

    /** The Azure table that holds the streams of a domain/entity type. */
    public String tableNameFor(StreamType type) {
        return names.tableFor(type);
    }

    @Override
    public long version(StreamId id) {
        return partition(id).row(RowKeys.HEAD, List.of(EventEntities.VERSION), "reading the version of stream " + id)
                .map(head -> EventEntities.number(head, EventEntities.VERSION))
                .orElse(0L);
    }

    @Override
    public AppendResult append(StreamId id, AppendRequest request) {
        return new StreamAppend(partition(id), request, deletion).run();
    }

    @Override
    public void read(StreamId id, long fromSequence, long toSequence, EventSink sink) {
        long from = Math.max(1, fromSequence);
        long to = Math.min(toSequence, RowKeys.MAX_SEQUENCE);
        if (to < from) {
            return;
        }
        // One query for the header and the events. From the first event on, one key range covers both, as nothing
        // sorts between "!HEAD" and "E-"; the deletion rows ("!DELETING", "!GONE-...") sort before the header.
        String condition = from == 1
                ? ODataFilter.rowKeyBetween(RowKeys.HEAD, RowKeys.event(to))
                : ODataFilter.rowKeyIs(RowKeys.HEAD) + " or ("
                        + ODataFilter.rowKeyBetween(RowKeys.event(from), RowKeys.event(to)) + ")";
        String what = "reading stream " + id;
        StreamPartition partition = partition(id);
        RowIterator rows = partition.growingQuery(condition, READ_PAGE_SIZE, what);
        TableEntity head = rows.hasNext() ? rows.next() : null;
        if (head == null || !RowKeys.HEAD.equals(head.getRowKey())) {
            return; // no header: no stream, or one being deleted
        }
        TableFormat.readable(head);
        deliver(rows, from, Math.min(to, EventEntities.number(head, EventEntities.VERSION)), sink);
        if (rows.fetchedLaterPage()) {
            requireSameLife(partition, head, what);
        }
    }

    private static void deliver(RowIterator rows, long from, long last, EventSink sink) {
        for (long expected = from; expected <= last && rows.hasNext(); expected++) {
            TableEntity row = rows.next();
            if (RowKeys.sequenceOf(row.getRowKey()) != expected) {
                return; // a gap: the stream is being deleted while we read it
            }
            if (!sink.accept(EventEntities.toStoredEvent(row))) {
                return;
            }
        }
    }

    /**
     * Refuses a read of several pages during which the stream was deleted and created anew. Only the first page holds
     * the header, so later pages could hold the new stream's events after the old one's, at the sequences that follow
     * (nothing in an event row tells the lives apart). One point read of the header settles it: its creation time
     * is the life's. A stream deleted and not yet re-created is no problem: the read stopped at the gap.
     */
    private static void requireSameLife(StreamPartition partition, TableEntity headRead, String what) {
        Optional<TableEntity> headNow = partition.row(RowKeys.HEAD, List.of(EventEntities.CREATED_AT), what);
        if (headNow.isPresent() && !Objects.equals(EventEntities.instant(headNow.get(), EventEntities.CREATED_AT),
                EventEntities.instant(headRead, EventEntities.CREATED_AT))) {
            throw new StreamRecreatedDuringReadException(partition.id());
        }
    }

    /**
     * One query for the header and the event's {@code ID-} row, then one point read of the event's row: two round
     * trips, whatever the stream's length. A stream being deleted (no header) holds no event.
     */
    @Override
    public Optional<StoredEvent> findEvent(StreamId id, String eventId) {
        String idRow = RowKeys.eventId(eventId);
        if (idRow.length() > KeyEscaping.MAX_KEY_CHARS) {
            return Optional.empty(); // such an id cannot have been stored
        }
        String what = "looking up event " + eventId + " in stream " + id;
        StreamPartition partition = partition(id);
        Map<String, TableEntity> rows = partition.rows(List.of(RowKeys.HEAD, idRow), what);
        if (!rows.containsKey(RowKeys.HEAD) || !rows.containsKey(idRow)) {
            return Optional.empty();
        }
        TableFormat.readable(rows.get(RowKeys.HEAD));
        long sequence = EventEntities.number(rows.get(idRow), EventEntities.SEQUENCE);
        return partition.row(RowKeys.event(sequence), null, what)
                .map(EventEntities::toStoredEvent)
                .filter(event -> event.eventId().equals(eventId));
    }

    @Override
    public boolean delete(StreamId id) {
        return deletion.delete(partition(id));
    }

    @Override
    public void forEachInstanceKey(StreamType type, Consumer<String> action) {
        ListEntitiesOptions headers = new ListEntitiesOptions()
                .setFilter(ODataFilter.rowKeyIs(RowKeys.HEAD))
                .setSelect(List.of("PartitionKey", "RowKey"));
        RowIterator rows = new RowIterator(table(type), serviceClient.getServiceEndpoint(), headers, "listing the streams of " + type);
        while (rows.hasNext()) {
            action.accept(KeyEscaping.unescape(rows.next().getPartitionKey()));
        }
    }

    /** Lists at most one table: see {@link TableHealthCheck}. */
    @Override
    public Map<String, Object> checkHealth(Duration timeout) {
        return TableHealthCheck.check(serviceClient, timeout);
    }

    /**
     * One point read of the row {@code SN-<key>} in the stream's partition; a missing row (or table) is an empty
     * answer.
     */
    @Override
    public Optional<StoredSnapshot> loadSnapshot(StreamId id, String snapshotKey) {
        String rowKey = RowKeys.snapshot(snapshotKey);
        if (rowKey.length() > KeyEscaping.MAX_KEY_CHARS) {
            return Optional.empty(); // never saved: see saveSnapshot
        }
        return partition(id).row(rowKey, null, "reading snapshot '" + snapshotKey + "' of stream " + id)
                .map(EventEntities::toSnapshot);
    }

    /**
     * Replaces the row {@code SN-<key>} in the stream's partition with one request of its own, never part of an
     * append. A snapshot that does not fit Azure's limits (1 MiB per entity, about 960 KiB of JSON) is not saved:
     * folds then start from the stream's beginning, as without snapshots.
     *
     * <p>A snapshot saved while the stream is being deleted may outlive the deletion; it is never used (readers
     * verify its last event id), is overwritten or removed with the stream's next incarnation, and lists nowhere.
     */
    @Override
    public void saveSnapshot(StreamId id, String snapshotKey, StoredSnapshot snapshot) {
        String what = "Saving snapshot '" + snapshotKey + "' of stream " + id;
        StreamPartition stream = partition(id);
        String rowKey = RowKeys.snapshot(snapshotKey);
        if (rowKey.length() > KeyEscaping.MAX_KEY_CHARS) {
            skipOversized(id, snapshotKey, what + ": its row key is longer than Azure's 1 KiB");
            return;
        }
        try {
            stream.replace(EventEntities.snapshot(stream.partitionKey(), snapshotKey, snapshot), what);
        } catch (AppendTooLargeException tooLarge) {
            skipOversized(id, snapshotKey, tooLarge.getMessage());
        }
    }

    private void skipOversized(StreamId id, String snapshotKey, String why) {
        if (oversizedSnapshots.add(names.tableFor(id.type()) + "/" + snapshotKey)) {
            log.warn("{}; the snapshot is not saved, so folds of this projection read whole streams (logged once per "
                    + "projection and stream type)", why);
        } else {
            log.debug("{}; the snapshot is not saved", why);
        }
    }

    private StreamPartition partition(StreamId id) {
        return new StreamPartition(id, table(id.type()), serviceClient.getServiceEndpoint(),
                () -> createTable(id.type()));
    }

    private TableClient table(StreamType type) {
        return tables.computeIfAbsent(type, t -> serviceClient.getTableClient(names.tableFor(t)));
    }

    private void createTable(StreamType type) {
        String name = names.tableFor(type);
        try {
            serviceClient.createTableIfNotExists(name);
        } catch (RuntimeException failure) {
            throw TableFailures.translate(failure, serviceClient.getServiceEndpoint(),
                    "creating table '" + name + "' for " + type, true);
        }
    }
}
