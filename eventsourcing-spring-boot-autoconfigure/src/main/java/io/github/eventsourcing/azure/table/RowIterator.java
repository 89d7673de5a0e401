package io.github.eventsourcing.azure.table;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The entities of one query, fetched a page at a time as they are consumed. A missing table reads as empty (nothing
 * was ever written to that stream type, and a read must not create it). Failures of the service surface here as event
 * store exceptions, while the caller's code that consumes rows between two calls stays outside that translation.
 */
final class RowIterator implements Iterator<TableEntity> {

    private final TableClient table;
    private final String endpoint;
    private final ListEntitiesOptions options;
    private final String what;
    private Iterator<TableEntity> entities;
    private boolean tableMissing;

    /** @param endpoint the service endpoint, for messages */
    RowIterator(TableClient table, String endpoint, ListEntitiesOptions options, String what) {
        this.table = table;
        this.endpoint = endpoint;
        this.options = options;
        this.what = what;
    }

    @Override
    public boolean hasNext() {
        if (tableMissing) {
            return false;
        }
        try {
            if (entities == null) {
                entities = table.listEntities(options, null, null).iterator();
            }
            return entities.hasNext();
        } catch (RuntimeException failure) {
            if (TableFailures.isTableNotFound(failure)) {
                tableMissing = true;
                return false;
            }
            throw TableFailures.translate(failure, endpoint, what, false);
        }
    }

    @Override
    public TableEntity next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        try {
            return entities.next();
        } catch (RuntimeException failure) {
            throw TableFailures.translate(failure, endpoint, what, false);
        }
    }
}
