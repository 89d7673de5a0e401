package io.github.eventsourcing.azure.table.internal;

import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.ListTablesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableItem;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import io.github.eventsourcing.azure.spi.ChangeFeed;
import io.github.eventsourcing.azure.spi.ChangeIndex;
import io.github.eventsourcing.azure.spi.PendingChanges;
import io.github.eventsourcing.azure.spi.PublishedMarkContendedException;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.InvalidStreamKeyException;
import io.github.eventsourcing.azure.stream.StreamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The notifications still to publish for the streams of one {@link TableEventStore}, read from the marks its rows
 * carry ({@code Pending}, {@code PublishedVersion} and the tombstones of the
 * {@linkplain io.github.eventsourcing.azure.table layout}):
 * <ul>
 *   <li>Every append sets its mark in its own transaction, and every deletion inserts its tombstone in the
 *       transaction that marks the stream deleted. So a write that succeeded is never without its mark, whatever
 *       happens to the process next.</li>
 *   <li>{@code PublishedVersion} is 0 when absent. {@link #markPublished} raises it and clears {@code Pending} in
 *       one merge that is conditional on the ETag of the header as read: an append in between changes the ETag, so a
 *       mark computed before it can never clear its {@code Pending}. After a lost race the header is read again and
 *       the mark applied to it, unless it belongs to another incarnation of the stream. The same transaction deletes
 *       the published tombstones. Appends never wait for this: they merge the header without a condition.</li>
 *   <li>Polling reads the {@linkplain TableChangeIndex change index} only. The full search, the slow sweep for index
 *       entries lost in a crash and for data written before the index existed, lists the store's tables (by its
 *       name prefix) and queries each for rows with {@code Pending}; the {@code Domain} and {@code EntityType} of
 *       those rows name the stream type, since table names are hashes. Azure evaluates that filter by scanning the
 *       table, which is why it runs seldom.</li>
 * </ul>
 * An incarnation's generation (which notification ids derive from) is its header's {@code CreatedAt} with the id of
 * its first event: a re-created stream differs in both.
 */
final class TableChangeFeed implements ChangeFeed {

    private static final Logger log = LoggerFactory.getLogger(TableChangeFeed.class);

    static final String PUBLISHED_VERSION = "PublishedVersion";

    /** Tombstones handled per read: their deletes share one transaction with the header's merge. */
    static final int MAX_DELETIONS_PER_READ = TableLimits.MAX_ENTITIES_PER_TRANSACTION - 1;

    private static final int MAX_MARK_ATTEMPTS = 5;

    /** Everything that sorts before the event rows: {@code !DELETING}, the tombstones and the header. */
    private static final String BOOKKEEPING_ROWS = "RowKey lt '" + RowKeys.EVENT_PREFIX + "'";

    private static final List<String> BOOKKEEPING_PROPERTIES = List.of(EventEntities.VERSION, EventEntities.PENDING,
            EventEntities.CREATED_AT, PUBLISHED_VERSION, EventEntities.DELETED_AT, EventEntities.EVENT_ID);

    private final TableServiceClient service;
    private final String tablePrefix;
    private final Function<StreamId, StreamPartition> partitions;
    private final String endpoint;
    private final TableChangeIndex index;

    /**
     * @param tablePrefix the prefix of the store's table names (lower case)
     * @param partitions  the store's access to a stream's partition
     */
    TableChangeFeed(TableServiceClient service, String tablePrefix, Function<StreamId, StreamPartition> partitions) {
        this.service = service;
        this.tablePrefix = tablePrefix;
        this.partitions = partitions;
        this.endpoint = service.getServiceEndpoint();
        this.index = new TableChangeIndex(service, tablePrefix);
    }

    @Override
    public Optional<ChangeIndex> index() {
        return Optional.of(index);
    }

    @Override
    public String name() {
        return "table:" + endpoint + "/" + tablePrefix + "*";
    }

    @Override
    public void forEachPendingStream(Instant changedBefore, Consumer<StreamId> action) {
        String filter = EventEntities.PENDING + " eq true" + (changedBefore == null ? ""
                : " and Timestamp lt datetime'" + DateTimeFormatter.ISO_INSTANT.format(
                changedBefore.truncatedTo(ChronoUnit.MILLIS)) + "'");
        ListEntitiesOptions pendingRows = new ListEntitiesOptions().setFilter(filter)
                .setSelect(List.of("PartitionKey", "RowKey", EventEntities.DOMAIN, EventEntities.ENTITY_TYPE));
        for (String table : tables()) {
            Set<StreamId> found = new LinkedHashSet<>();
            RowIterator rows = new RowIterator(service.getTableClient(table), endpoint, pendingRows,
                    "searching table '" + table + "' for unpublished notifications");
            while (rows.hasNext()) {
                StreamId id = streamOf(table, rows.next());
                if (id != null && found.add(id)) {
                    action.accept(id);
                }
            }
        }
    }

    /**
     * The stream tables of the store: their names start with its prefix (the dead letters' and the change index's
     * tables aside).
     */
    private List<String> tables() {
        String next = tablePrefix.substring(0, tablePrefix.length() - 1)
                + (char) (tablePrefix.charAt(tablePrefix.length() - 1) + 1);
        ListTablesOptions options = new ListTablesOptions().setFilter("TableName ge " + ODataFilter.literal(tablePrefix)
                + " and TableName lt " + ODataFilter.literal(next));
        try {
            return service.listTables(options, null, null).stream().map(TableItem::getName)
                    .filter(name -> !name.equals(tablePrefix + TableDeadLetters.TABLE_SUFFIX)
                            && !name.equals(tablePrefix + TableChangeIndex.TABLE_SUFFIX)).toList();
        } catch (RuntimeException failure) {
            throw TableFailures.translate(failure, endpoint, "listing the event tables", false);
        }
    }

    private static StreamId streamOf(String table, TableEntity row) {
        String domain = EventEntities.string(row, EventEntities.DOMAIN);
        String entity = EventEntities.string(row, EventEntities.ENTITY_TYPE);
        if (domain == null || entity == null) {
            log.debug("Ignoring pending row {} in table '{}' that names no stream type", row.getRowKey(), table);
            return null;
        }
        try {
            return StreamId.of(domain, entity, KeyEscaping.unescape(row.getPartitionKey()));
        } catch (IllegalArgumentException | InvalidStreamKeyException e) {
            log.warn("Ignoring pending row {} in table '{}': {}", row.getRowKey(), table, e.getMessage());
            return null;
        }
    }

    @Override
    public PendingChanges read(StreamId id, int maxEvents) {
        StreamPartition stream = partitions.apply(id);
        String what = "reading the unpublished notifications of stream " + id;
        Bookkeeping rows = bookkeeping(stream, what);
        if (rows.head() == null) {
            return new PendingChanges(id, rows.deletions(), null, 0, List.of(), rows);
        }
        long version = EventEntities.number(rows.head(), EventEntities.VERSION);
        long published = rows.publishedVersion();
        PendingChanges.Incarnation current = new PendingChanges.Incarnation(rows.generation(),
                EventEntities.instant(rows.head(), EventEntities.CREATED_AT), version);
        List<StoredEvent> events = new ArrayList<>();
        long last = Math.min(version, published + maxEvents);
        if (last > published) {
            RowIterator eventRows = stream.query(ODataFilter.rowKeyBetween(RowKeys.event(published + 1),
                    RowKeys.event(last)), null, TableEventStore.READ_PAGE_SIZE, what);
            for (long expected = published + 1; expected <= last && eventRows.hasNext(); expected++) {
                TableEntity row = eventRows.next();
                if (RowKeys.sequenceOf(row.getRowKey()) != expected) {
                    break; // a gap: the stream is being deleted; its tombstone will say so
                }
                events.add(EventEntities.toStoredEvent(row));
            }
        }
        return new PendingChanges(id, rows.deletions(), current, published, events, rows);
    }

    @Override
    public void markPublished(PendingChanges changes, long publishedVersion) {
        StreamPartition stream = partitions.apply(changes.streamId());
        String what = "recording the published notifications of stream " + changes.streamId();
        Bookkeeping rows = (Bookkeeping) changes.checkpoint();
        Set<String> tombstones = new LinkedHashSet<>();
        changes.deletions().forEach(deletion -> tombstones.add(RowKeys.gone(deletion.deletionId())));
        String generation = changes.current() == null ? null : changes.current().generation();
        for (int attempt = 1; ; attempt++) {
            List<TableTransactionAction> actions = new ArrayList<>();
            tombstones.forEach(rowKey -> actions.add(new TableTransactionAction(TableTransactionActionType.DELETE,
                    new TableEntity(stream.partitionKey(), rowKey), false)));
            TableEntity head = generation != null && generation.equals(rows.generation()) ? rows.head() : null;
            if (head != null) {
                long mark = Math.max(publishedVersion, rows.publishedVersion());
                long version = EventEntities.number(head, EventEntities.VERSION);
                // A copy of the header as read, ETag included: the merge fails if anything changed it since.
                TableEntity update = new TableEntity(head.getPartitionKey(), head.getRowKey())
                        .setProperties(new HashMap<>(head.getProperties()))
                        .addProperty(PUBLISHED_VERSION, Math.min(mark, version))
                        .addProperty(EventEntities.PENDING, mark < version);
                actions.add(new TableTransactionAction(TableTransactionActionType.UPDATE_MERGE, update, true));
            }
            if (actions.isEmpty() || stream.submit(actions, what).isEmpty()) {
                return;
            }
            if (attempt == MAX_MARK_ATTEMPTS) {
                throw new PublishedMarkContendedException(changes.streamId(), MAX_MARK_ATTEMPTS);
            }
            // Lost a race (an append, another dispatcher, a deletion): read again and apply the mark to what is there.
            rows = bookkeeping(stream, what);
            tombstones.retainAll(rows.tombstoneKeys());
        }
    }

    private Bookkeeping bookkeeping(StreamPartition stream, String what) {
        RowIterator rows = stream.query(BOOKKEEPING_ROWS + " or " + ODataFilter.rowKeyIs(RowKeys.event(1)),
                BOOKKEEPING_PROPERTIES, null, what);
        TableEntity head = null;
        String firstEventId = null;
        List<PendingChanges.Deletion> deletions = new ArrayList<>();
        Set<String> tombstoneKeys = new LinkedHashSet<>();
        while (rows.hasNext()) {
            TableEntity row = rows.next();
            String rowKey = row.getRowKey();
            if (rowKey.equals(RowKeys.HEAD)) {
                head = row;
            } else if (rowKey.startsWith(RowKeys.GONE_PREFIX)) {
                tombstoneKeys.add(rowKey);
                if (deletions.size() < MAX_DELETIONS_PER_READ) {
                    deletions.add(new PendingChanges.Deletion(rowKey.substring(RowKeys.GONE_PREFIX.length()),
                            EventEntities.number(row, EventEntities.VERSION),
                            EventEntities.instant(row, EventEntities.DELETED_AT)));
                }
            } else if (rowKey.equals(RowKeys.event(1))) {
                firstEventId = EventEntities.string(row, EventEntities.EVENT_ID);
            }
        }
        String generation = head == null ? null
                : EventEntities.instant(head, EventEntities.CREATED_AT) + "/" + firstEventId;
        long published = head == null || head.getProperty(PUBLISHED_VERSION) == null ? 0
                : EventEntities.number(head, PUBLISHED_VERSION);
        return new Bookkeeping(head, generation, published, deletions, tombstoneKeys);
    }

    /**
     * A partition's bookkeeping rows as read: the checkpoint of a {@link PendingChanges}.
     *
     * @param head          the header with its ETag, null when there is no stream
     * @param generation    the incarnation of the header, null when there is none
     * @param tombstoneKeys the row keys of every tombstone found
     */
    private record Bookkeeping(TableEntity head, String generation, long publishedVersion,
                               List<PendingChanges.Deletion> deletions, Set<String> tombstoneKeys) {
    }
}
