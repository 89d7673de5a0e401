package io.github.eventsourcing.azure.table.internal;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import io.github.eventsourcing.azure.deadletter.internal.DeadLetterFields;
import io.github.eventsourcing.azure.spi.DeadLetter;
import io.github.eventsourcing.azure.spi.DeadLetterStore;

import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * Dead letters in a table of their own, {@code <prefix>deadletters}: partition key the kind, row key the id, the
 * fields as string properties. Created at the first dead letter; until then listing finds none. Not a stream table
 * (its name ends in no hash), so polling for pending streams leaves it out.
 */
final class TableDeadLetters implements DeadLetterStore {

    static final String TABLE_SUFFIX = "deadletters";

    private final TableServiceClient service;
    private final TableClient table;
    private final String endpoint;

    TableDeadLetters(TableServiceClient service, String tablePrefix) {
        this.service = service;
        this.table = service.getTableClient(tablePrefix + TABLE_SUFFIX);
        this.endpoint = service.getServiceEndpoint();
    }

    @Override
    public void save(DeadLetter deadLetter) {
        TableEntity row = new TableEntity(deadLetter.kind(), deadLetter.id());
        DeadLetterFields.of(deadLetter).forEach(row::addProperty);
        TableFailures.writeCreatingTable(service, table, () -> table.upsertEntity(row), endpoint,
                "saving dead letter " + deadLetter.id());
    }

    @Override
    public List<DeadLetter> list() {
        try {
            return StreamSupport.stream(table.listEntities().spliterator(), false)
                    .map(row -> DeadLetterFields.toDeadLetter(row.getProperties()))
                    .sorted(DeadLetterFields.OLDEST_FIRST).toList();
        } catch (RuntimeException failure) {
            if (TableFailures.isTableNotFound(failure)) {
                return List.of();
            }
            throw TableFailures.translate(failure, endpoint, "listing the dead letters", false);
        }
    }

    @Override
    public Optional<DeadLetter> find(String id) {
        return rowOf(id).map(row -> DeadLetterFields.toDeadLetter(row.getProperties()));
    }

    @Override
    public boolean remove(String id) {
        Optional<TableEntity> row = rowOf(id);
        row.ifPresent(found -> {
            try {
                table.deleteEntity(found.getPartitionKey(), found.getRowKey());
            } catch (RuntimeException failure) {
                throw TableFailures.translate(failure, endpoint, "removing dead letter " + id, true);
            }
        });
        return row.isPresent();
    }

    /** The row of the id, whatever its kind (ids are unique across kinds). */
    private Optional<TableEntity> rowOf(String id) {
        if (!DeadLetter.isValidId(id)) {
            return Optional.empty();
        }
        try {
            return StreamSupport.stream(table.listEntities(new ListEntitiesOptions()
                    .setFilter("RowKey eq " + ODataFilter.literal(id)), null, null).spliterator(), false).findFirst();
        } catch (RuntimeException failure) {
            if (TableFailures.isTableNotFound(failure)) {
                return Optional.empty();
            }
            throw TableFailures.translate(failure, endpoint, "reading dead letter " + id, false);
        }
    }
}
