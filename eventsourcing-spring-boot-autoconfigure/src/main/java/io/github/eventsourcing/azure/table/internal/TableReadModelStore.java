package io.github.eventsourcing.azure.table.internal;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import com.azure.data.tables.models.TableTransactionFailedException;
import io.github.eventsourcing.azure.spi.ReadModelStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Read model rows in Azure Table storage: the table {@code <prefix>readmodels}, one partition per version of a read
 * model. Entry keys are row keys, escaped as instance keys are ({@link KeyEscaping}; the library's own key parts use
 * no char it escapes, so their order is kept). An entry holds {@code RowOf} (the instance key), {@code Sequence} and
 * one string property {@code c_<column>} per column value, and {@code FormatVersion} ({@code 1}).
 *
 * <p>A write is one entity group transaction (at most 100 entities, one partition): the condition's entity is
 * inserted (no tag) or replaced or deleted with {@code If-Match} (a tag), the others upserted or deleted
 * unconditionally; a conflict turns the whole transaction down. A range is one query on {@code PartitionKey eq} and
 * a {@code RowKey} range, which Azure answers from the partition's key order, without a scan. One partition is served
 * by one partition server: Azure's target is up to 2,000 entities per second per partition, which bounds the writes
 * of one model version.
 *
 * <p>The table is created by the first write and is no stream table (its name ends in no hash), so the sweep for
 * pending streams leaves it out.
 */
public final class TableReadModelStore implements ReadModelStore {

    static final String TABLE_SUFFIX = "readmodels";
    static final String ROW_OF = "RowOf";
    static final String SEQUENCE = "Sequence";
    static final String COLUMN_PREFIX = "c_";
    static final String FORMAT_VERSION = "FormatVersion";
    private static final int FORMAT = 1;
    private static final String ETAG = "odata.etag";

    private final TableServiceClient service;
    private final TableClient table;
    private final String endpoint;

    /** @param tablePrefix the event store's table name prefix (see {@link TableNames}) */
    public TableReadModelStore(TableServiceClient service, String tablePrefix) {
        this.service = Objects.requireNonNull(service, "service");
        this.table = service.getTableClient(new TableNames(tablePrefix).prefix() + TABLE_SUFFIX);
        this.endpoint = service.getServiceEndpoint();
    }

    @Override
    public String name() {
        return "table:" + endpoint + "/" + table.getTableName();
    }

    @Override
    public int maxEntriesPerWrite() {
        return TableLimits.MAX_ENTITIES_PER_TRANSACTION;
    }

    @Override
    public Optional<Entry> get(String partition, String key) {
        ListEntitiesOptions options = new ListEntitiesOptions().setFilter(ODataFilter.inPartition(partition,
                ODataFilter.rowKeyIs(KeyEscaping.escape(key))));
        RowIterator rows = new RowIterator(table, endpoint, options, "reading read model row " + key);
        return rows.hasNext() ? Optional.of(entryOf(rows.next())) : Optional.empty();
    }

    @Override
    public boolean write(String partition, String conditionKey, String expectedTag, List<Entry> puts,
                         List<String> deletes) {
        List<TableTransactionAction> actions = new ArrayList<>();
        for (Entry put : puts) {
            TableEntity entity = entityOf(partition, put);
            if (!put.key().equals(conditionKey)) {
                actions.add(new TableTransactionAction(TableTransactionActionType.UPSERT_REPLACE, entity));
            } else if (expectedTag == null) {
                actions.add(new TableTransactionAction(TableTransactionActionType.CREATE, entity));
            } else {
                entity.addProperty(ETAG, expectedTag);
                actions.add(new TableTransactionAction(TableTransactionActionType.UPDATE_REPLACE, entity, true));
            }
        }
        for (String delete : deletes) {
            TableEntity entity = new TableEntity(partition, KeyEscaping.escape(delete));
            boolean conditional = delete.equals(conditionKey);
            if (conditional) {
                entity.addProperty(ETAG, expectedTag);
            }
            actions.add(new TableTransactionAction(TableTransactionActionType.DELETE, entity, conditional));
        }
        String what = "writing read model row " + conditionKey + " of " + partition;
        TableLimits.check(endpoint + "/" + table.getTableName(), actions, what);
        for (boolean tableCreated = false; ; tableCreated = true) {
            try {
                table.submitTransaction(actions);
                return true;
            } catch (TableTransactionFailedException failure) {
                String code = TableFailures.errorCode(failure);
                if (TableFailures.TABLE_NOT_FOUND.equals(code) && !tableCreated) {
                    service.createTableIfNotExists(table.getTableName());
                    continue;
                }
                if (TableFailures.isStateConflict(code)) {
                    return false;
                }
                throw TableFailures.translate(failure, endpoint, what, true);
            } catch (RuntimeException failure) {
                throw TableFailures.translate(failure, endpoint, what, true);
            }
        }
    }

    @Override
    public List<Entry> range(String partition, String from, boolean fromExclusive, String to, int limit) {
        String condition = "RowKey " + (fromExclusive ? "gt " : "ge ") + ODataFilter.literal(KeyEscaping.escape(from))
                + " and RowKey lt " + ODataFilter.literal(KeyEscaping.escape(to));
        ListEntitiesOptions options = new ListEntitiesOptions().setFilter(ODataFilter.inPartition(partition, condition))
                .setTop(Math.min(limit, RowIterator.MAX_PAGE_SIZE));
        RowIterator rows = new RowIterator(table, endpoint, options, "querying read model " + partition);
        List<Entry> entries = new ArrayList<>();
        while (entries.size() < limit && rows.hasNext()) {
            entries.add(entryOf(rows.next()));
        }
        return entries;
    }

    private static TableEntity entityOf(String partition, Entry entry) {
        TableEntity entity = new TableEntity(partition, KeyEscaping.escape(entry.key()))
                .addProperty(ROW_OF, entry.rowKey())
                .addProperty(SEQUENCE, entry.sequence())
                .addProperty(FORMAT_VERSION, FORMAT);
        entry.values().forEach((column, value) -> entity.addProperty(COLUMN_PREFIX + column, value));
        return entity;
    }

    private static Entry entryOf(TableEntity entity) {
        Map<String, String> values = new HashMap<>();
        entity.getProperties().forEach((name, value) -> {
            if (name.startsWith(COLUMN_PREFIX) && value != null) {
                values.put(name.substring(COLUMN_PREFIX.length()), value.toString());
            }
        });
        return new Entry(KeyEscaping.unescape(entity.getRowKey()), EventEntities.string(entity, ROW_OF),
                EventEntities.number(entity, SEQUENCE), values, entity.getETag());
    }
}
