package io.github.eventsourcing.azure.table.internal;

import com.azure.core.http.rest.PagedResponse;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The entities of one query, fetched a page at a time as they are consumed. A missing table reads as empty (nothing
 * was ever written to that stream type, and a read must not create it). Failures of the service surface here as event
 * store exceptions, while the caller's code that consumes rows between two calls stays outside that translation.
 *
 * <p>A {@linkplain #growing growing} query fetches its first page at the size asked for and the pages after it as
 * large as the first page's rows allow (see {@link #laterPageSize}): a short read, or one that stops early, costs
 * one small request, and a long read of small rows takes few round trips.
 */
final class RowIterator implements Iterator<TableEntity> {

    /** Azure's largest page. */
    static final int MAX_PAGE_SIZE = 1000;

    /** About how much row data a later page of a growing query may hold. */
    static final long LATER_PAGE_BYTES = 4L * 1024 * 1024;

    /** Added to each row's measured properties for its keys, names and framing. */
    private static final int ROW_OVERHEAD_BYTES = 256;

    private final TableClient table;
    private final String endpoint;
    private final ListEntitiesOptions options;
    private final boolean growing;
    private final String what;
    private Iterator<TableEntity> entities;
    private Iterator<PagedResponse<TableEntity>> laterPages;
    private String continuation;
    private int laterPageSize;
    private boolean tableMissing;
    private boolean laterPageFetched;

    /** @param endpoint the service endpoint, for messages */
    RowIterator(TableClient table, String endpoint, ListEntitiesOptions options, String what) {
        this(table, endpoint, options, false, what);
    }

    private RowIterator(TableClient table, String endpoint, ListEntitiesOptions options, boolean growing,
                        String what) {
        this.table = table;
        this.endpoint = endpoint;
        this.options = options;
        this.growing = growing;
        this.what = what;
    }

    /** A query whose first page has the options' size and whose later pages grow when its rows are small. */
    static RowIterator growing(TableClient table, String endpoint, ListEntitiesOptions firstPage, String what) {
        return new RowIterator(table, endpoint, firstPage, true, what);
    }

    /**
     * The page size after a first page of these rows: as many rows as fit in {@link #LATER_PAGE_BYTES} by their
     * average size, at least as many as the first page asked for and at most {@link #MAX_PAGE_SIZE}.
     */
    static int laterPageSize(List<TableEntity> firstPage, int firstPageSize) {
        if (firstPage.isEmpty()) {
            return firstPageSize;
        }
        long bytes = 0;
        for (TableEntity row : firstPage) {
            bytes += ROW_OVERHEAD_BYTES;
            for (Map.Entry<String, Object> property : row.getProperties().entrySet()) {
                Object value = property.getValue();
                bytes += value instanceof byte[] binary ? binary.length
                        : value instanceof String text ? 2L * text.length() : 8;
            }
        }
        long fitting = LATER_PAGE_BYTES * firstPage.size() / bytes;
        return (int) Math.max(firstPageSize, Math.min(MAX_PAGE_SIZE, fitting));
    }

    @Override
    public boolean hasNext() {
        if (tableMissing) {
            return false;
        }
        try {
            if (entities == null) {
                entities = growing ? firstPage() : table.listEntities(options, null, null).iterator();
            }
            while (!entities.hasNext() && (continuation != null || laterPages != null)) {
                entities = nextLaterPage();
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

    private Iterator<TableEntity> firstPage() {
        PagedResponse<TableEntity> page = table.listEntities(options, null, null).iterableByPage().iterator().next();
        continuation = page.getContinuationToken();
        laterPageSize = laterPageSize(page.getValue(), options.getTop() == null ? MAX_PAGE_SIZE : options.getTop());
        return page.getValue().iterator();
    }

    /** Whether a growing query went on past its first page (a read of many rows, in several requests). */
    boolean fetchedLaterPage() {
        return laterPageFetched;
    }

    /** The next page after the first: the same query, resumed at the first page's continuation, larger pages. */
    private Iterator<TableEntity> nextLaterPage() {
        laterPageFetched = true;
        if (laterPages == null) {
            ListEntitiesOptions later = new ListEntitiesOptions().setFilter(options.getFilter())
                    .setSelect(options.getSelect()).setTop(laterPageSize);
            laterPages = table.listEntities(later, null, null).iterableByPage(continuation).iterator();
            continuation = null;
        }
        if (!laterPages.hasNext()) {
            laterPages = null;
            return Collections.emptyIterator();
        }
        return laterPages.next().getValue().iterator();
    }
}
