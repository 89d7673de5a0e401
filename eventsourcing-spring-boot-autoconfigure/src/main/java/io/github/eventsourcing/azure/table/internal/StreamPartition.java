package io.github.eventsourcing.azure.table.internal;

import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionFailedException;
import io.github.eventsourcing.azure.stream.StreamId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One stream's partition: the queries and transactions the store's operations are built from. It hides three things
 * from them: a missing table reads as an empty partition, a write to a missing table creates it and tries again, and
 * every other failure becomes an event store exception.
 */
final class StreamPartition {

    private final StreamId id;
    private final String partitionKey;
    private final TableClient table;
    private final String endpoint;
    private final Runnable createTable;

    /**
     * @param endpoint    the service endpoint, for messages
     * @param createTable creates the table, when a write finds it missing
     */
    StreamPartition(StreamId id, TableClient table, String endpoint, Runnable createTable) {
        this.id = id;
        this.partitionKey = KeyEscaping.partitionKeyOf(id.instanceKey());
        this.table = table;
        this.endpoint = endpoint;
        this.createTable = createTable;
    }

    StreamId id() {
        return id;
    }

    String partitionKey() {
        return partitionKey;
    }

    /** The named rows that exist, in one query. */
    Map<String, TableEntity> rows(Collection<String> rowKeys, String what) {
        return rows(rowKeys, null, what);
    }

    /** The named rows that exist, in one query, with only the selected properties (null: all). */
    Map<String, TableEntity> rows(Collection<String> rowKeys, List<String> select, String what) {
        Map<String, TableEntity> found = new HashMap<>();
        RowIterator rows = query(ODataFilter.rowKeyIn(rowKeys), select, null, what);
        while (rows.hasNext()) {
            TableEntity row = rows.next();
            found.put(row.getRowKey(), row);
        }
        return found;
    }

    /** The header row, if the stream exists. */
    Optional<TableEntity> head(String what) {
        return row(RowKeys.HEAD, null, what);
    }

    /**
     * One row, by a point read: the cheapest request there is for a row whose keys are known (Azure looks it up by
     * its keys; a query would have to be planned, and Azurite scans the whole table for it). A missing row or table
     * is an empty answer.
     *
     * @param select the properties to fetch; null for all
     */
    Optional<TableEntity> row(String rowKey, List<String> select, String what) {
        try {
            Response<TableEntity> found = table.getEntityWithResponse(partitionKey, rowKey, select, null, Context.NONE);
            // The SDK answers an empty body with no response at all.
            return Optional.ofNullable(found).map(Response::getValue);
        } catch (RuntimeException failure) {
            if (TableFailures.isMissingRow(failure)) {
                return Optional.empty();
            }
            throw TableFailures.translate(failure, endpoint, what, false);
        }
    }

    /**
     * The partition's rows that match a row-key condition, in row-key order, fetched page by page as they are
     * consumed.
     *
     * @param select   the properties to fetch beside the keys (which a {@code $select} would otherwise leave
     *                 out); null for all
     * @param pageSize rows per response; null for the service's default (1,000)
     */
    RowIterator query(String rowKeyCondition, List<String> select, Integer pageSize, String what) {
        return new RowIterator(table, endpoint, options(rowKeyCondition, select, pageSize), what);
    }

    /**
     * Like {@link #query}, with a first page of {@code firstPageSize} rows and later pages as large as the first
     * page's row sizes allow (see {@link RowIterator#laterPageSize}).
     */
    RowIterator growingQuery(String rowKeyCondition, int firstPageSize, String what) {
        return RowIterator.growing(table, endpoint, options(rowKeyCondition, null, firstPageSize), what);
    }

    private ListEntitiesOptions options(String rowKeyCondition, List<String> select, Integer pageSize) {
        ListEntitiesOptions options = new ListEntitiesOptions()
                .setFilter(ODataFilter.inPartition(partitionKey, rowKeyCondition))
                .setTop(pageSize);
        if (select != null) {
            List<String> properties = new ArrayList<>(List.of("PartitionKey", "RowKey"));
            properties.addAll(select);
            options.setSelect(properties);
        }
        return options;
    }

    /**
     * Submits one entity group transaction, after checking it against Azure's limits.
     *
     * @return empty when it committed; the rejection when an operation found the partition in another state than it
     *         required (a row that exists, is missing or has changed): nothing was written then
     */
    Optional<Rejection> submit(List<TableTransactionAction> actions, String what) {
        TableLimits.check(endpoint + "/" + table.getTableName(), actions, what);
        for (boolean tableCreated = false; ; tableCreated = true) {
            try {
                table.submitTransaction(actions);
                return Optional.empty();
            } catch (TableTransactionFailedException failure) {
                String code = TableFailures.errorCode(failure);
                if (TableFailures.TABLE_NOT_FOUND.equals(code) && !tableCreated) {
                    createTable.run();
                    continue;
                }
                if (TableFailures.isStateConflict(code)) {
                    return Optional.of(new Rejection(failure.getFailedTransactionActionIndex(), code));
                }
                throw TableFailures.translate(failure, endpoint, what, true);
            } catch (RuntimeException failure) {
                throw TableFailures.translate(failure, endpoint, what, true);
            }
        }
    }

    /**
     * Writes one row whole, whatever was there before (a replace, not a merge, so no property of an older, larger
     * version of the row survives). Outside any transaction: nothing else waits for it. A missing table is not
     * created.
     */
    void replace(TableEntity row, String what) {
        TableLimits.checkEntity(row, what);
        try {
            table.upsertEntityWithResponse(row, TableEntityUpdateMode.REPLACE, null, Context.NONE);
        } catch (RuntimeException failure) {
            throw TableFailures.translate(failure, endpoint, what, true);
        }
    }

    /**
     * How a transaction was turned down.
     *
     * @param failedIndex the index of the operation that failed (Azure stops at the first), or null when unknown
     * @param errorCode   Azure's error code of that operation
     */
    record Rejection(Integer failedIndex, String errorCode) {

        boolean failedWithin(int fromInclusive, int toExclusive) {
            return failedIndex != null && failedIndex >= fromInclusive && failedIndex < toExclusive;
        }
    }
}
