package io.github.eventsourcing.azure.table.internal;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import io.github.eventsourcing.azure.spi.ChangeIndex;
import io.github.eventsourcing.azure.stream.InvalidStreamKeyException;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.internal.ChangeIndexKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The change index of a {@link TableEventStore}: the table {@code <prefix>changes}, one row per stream that changed
 * recently. The row's keys come from the stream's digest ({@link ChangeIndexKeys}): partition key its bucket (16
 * partitions, so the index spreads over Azure's partition servers instead of making one of them hot), row key all 64
 * hex digits; the row holds {@code Domain}, {@code EntityType}, {@code InstanceKey} and {@code FormatVersion}
 * ({@code 1}). A row is rewritten whole (upsert), so writing it twice is harmless; rows of one partition are written
 * in one transaction, up to 100 of them.
 *
 * <p>Reading the index is one query over this table alone, filtered by the rows' {@code Timestamp}: its cost grows
 * with the streams that changed recently (one request per 1,000 rows), never with the streams stored. The table is
 * created by the first entry and is no stream table (its name ends in no hash), so the full search leaves it out.
 */
final class TableChangeIndex implements ChangeIndex {

    private static final Logger log = LoggerFactory.getLogger(TableChangeIndex.class);

    static final String TABLE_SUFFIX = "changes";
    static final String INSTANCE_KEY = "InstanceKey";
    static final String FORMAT_VERSION = "FormatVersion";
    private static final int FORMAT = 1;

    private final TableServiceClient service;
    private final TableClient table;
    private final String endpoint;

    TableChangeIndex(TableServiceClient service, String tablePrefix) {
        this.service = service;
        this.table = service.getTableClient(tablePrefix + TABLE_SUFFIX);
        this.endpoint = service.getServiceEndpoint();
    }

    /** The index row's keys of a stream: partition key, row key. */
    static List<String> keysOf(StreamId id) {
        String digest = ChangeIndexKeys.digestOf(id);
        return List.of(ChangeIndexKeys.bucketOf(digest), digest);
    }

    @Override
    public void add(Collection<StreamId> streams) {
        Map<String, List<TableTransactionAction>> byPartition = new TreeMap<>();
        for (StreamId id : new LinkedHashSet<>(streams)) {
            List<String> keys = keysOf(id);
            TableEntity row = new TableEntity(keys.get(0), keys.get(1))
                    .addProperty(EventEntities.DOMAIN, id.domain())
                    .addProperty(EventEntities.ENTITY_TYPE, id.entityType())
                    .addProperty(INSTANCE_KEY, id.instanceKey())
                    .addProperty(FORMAT_VERSION, FORMAT);
            byPartition.computeIfAbsent(keys.get(0), partition -> new ArrayList<>())
                    .add(new TableTransactionAction(TableTransactionActionType.UPSERT_REPLACE, row));
        }
        byPartition.values().forEach(actions -> {
            for (int from = 0; from < actions.size(); from += TableLimits.MAX_ENTITIES_PER_TRANSACTION) {
                write(actions.subList(from, Math.min(actions.size(), from + TableLimits.MAX_ENTITIES_PER_TRANSACTION)));
            }
        });
    }

    private void write(List<TableTransactionAction> actions) {
        TableFailures.writeCreatingTable(service, table, () -> table.submitTransaction(actions), endpoint,
                "writing the change index");
    }

    @Override
    public void forEachEntry(Instant writtenBefore, Consumer<StreamId> action) {
        ListEntitiesOptions options = new ListEntitiesOptions().setSelect(List.of(EventEntities.DOMAIN,
                EventEntities.ENTITY_TYPE, INSTANCE_KEY));
        if (writtenBefore != null) {
            options.setFilter("Timestamp lt datetime'" + DateTimeFormatter.ISO_INSTANT.format(
                    writtenBefore.truncatedTo(ChronoUnit.MILLIS)) + "'");
        }
        RowIterator rows = new RowIterator(table, endpoint, options, "reading the change index");
        while (rows.hasNext()) {
            TableEntity row = rows.next();
            try {
                action.accept(StreamId.of(EventEntities.string(row, EventEntities.DOMAIN),
                        EventEntities.string(row, EventEntities.ENTITY_TYPE), EventEntities.string(row, INSTANCE_KEY)));
            } catch (IllegalArgumentException | NullPointerException | InvalidStreamKeyException e) {
                log.warn("Ignoring change index row {}: it names no stream ({})", row.getRowKey(), e.getMessage());
            }
        }
    }

    @Override
    public void remove(StreamId stream) {
        List<String> keys = keysOf(stream);
        try {
            table.deleteEntity(keys.get(0), keys.get(1));
        } catch (RuntimeException failure) {
            if (!TableFailures.isMissingRow(failure)) {
                throw TableFailures.translate(failure, endpoint, "removing " + stream + " from the change index",
                        true);
            }
        }
    }
}
