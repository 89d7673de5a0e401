package io.github.eventsourcing.azure.readmodel.internal;

import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.readmodel.ReadModel;
import io.github.eventsourcing.azure.readmodel.ReadModelRow;
import io.github.eventsourcing.azure.readmodel.RowFilter;
import io.github.eventsourcing.azure.readmodel.RowPage;
import io.github.eventsourcing.azure.spi.ReadModelStore;
import io.github.eventsourcing.azure.spi.ReadModelStore.Entry;
import io.github.eventsourcing.azure.stream.StreamId;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The rows of one version of one read model, in one partition of its store: entry {@code k-<key>} is the instance's
 * row, and for every column with a value, entry {@code i-<column>-<encoded value>-<key>} is an index row, a copy of
 * the row under a key that sorts by the column's value ({@link ColumnValues}). A row and its index rows are written in
 * one conditional write, so they never disagree, and every filter is one key range of index rows.
 */
final class ModelRows<S> {

    static final int MAX_PAGE_SIZE = 1_000;
    /** Azure's key limit is 512 chars; the store's escaping of the instance key may lengthen it. */
    private static final int MAX_INDEX_KEY_CHARS = 480;
    private static final String ROW = "k-";
    private static final String INDEX = "i-";

    private final ReadModel<S> model;
    private final ReadModelStore store;
    private final String partition;
    private final LongAdder writes = new LongAdder();

    /** @param partition where its entries are: {@code <name>-v<version>-g<generation>} (see {@link ModelVersion}) */
    ModelRows(ReadModel<S> model, ReadModelStore store, String partition) {
        this.model = Objects.requireNonNull(model, "model");
        this.store = Objects.requireNonNull(store, "store");
        this.partition = Objects.requireNonNull(partition, "partition");
        requireFits(model, store);
    }

    /** A row and its index rows must fit in one write of the store. */
    static void requireFits(ReadModel<?> model, ReadModelStore store) {
        if (model.columns().size() + 1 > store.maxEntriesPerWrite() / 2) {
            throw new IllegalArgumentException("Read model " + model.name() + " has " + model.columns().size()
                    + " columns; its store " + store.name() + " writes " + store.maxEntriesPerWrite()
                    + " entries at once, enough for " + (store.maxEntriesPerWrite() / 2 - 1));
        }
    }

    String partition() {
        return partition;
    }

    ReadModel<S> model() {
        return model;
    }

    ReadModelStore store() {
        return store;
    }

    /** The writes of rows (and their index rows) that took effect, in this process. */
    long writes() {
        return writes.sum();
    }

    Optional<ReadModelRow> find(String key) {
        return store.get(partition, ROW + key).map(this::rowOf);
    }

    /**
     * Makes the stream's row reflect the stream as it is now: reads the row, folds the stream (after the read, so the
     * fold is at least as new as whatever the row holds), and writes the result on condition that the row is
     * unchanged, reading and folding again when another writer came first. A row that already holds the result is
     * not written: applying a change twice writes once. A stream that does not exist (deleted) loses its row.
     *
     * @return the sequence the row reflects afterwards (0 when the stream has no row)
     */
    long apply(StreamId id, Projections projections) {
        String rowKey = ROW + id.instanceKey();
        while (true) {
            Optional<Entry> current = store.get(partition, rowKey);
            ProjectionResult<S> folded = projections.project(id, model.projection());
            String tag = current.map(Entry::tag).orElse(null);
            List<String> stale = current.map(this::indexKeysOf).orElse(List.of());
            if (!folded.exists()) {
                if (current.isEmpty()) {
                    return 0;
                }
                List<String> deletes = new ArrayList<>(stale);
                deletes.add(rowKey);
                if (store.write(partition, rowKey, tag, List.of(), deletes)) {
                    writes.increment();
                    return 0;
                }
                continue;
            }
            Map<String, String> values = valuesOf(folded.state());
            if (current.isPresent() && current.get().sequence() == folded.asOfSequence()
                    && current.get().values().equals(values)) {
                return folded.asOfSequence();
            }
            List<Entry> puts = new ArrayList<>();
            puts.add(new Entry(rowKey, id.instanceKey(), folded.asOfSequence(), values, null));
            Set<String> indexKeys = new LinkedHashSet<>();
            for (ReadModel.Column<S> column : model.columns()) {
                String text = values.get(column.name());
                if (text != null) {
                    String indexKey = indexKey(column.name(), ColumnValues.encode(column.type(),
                            ColumnValues.parse(column.type(), text)), id.instanceKey());
                    indexKeys.add(indexKey);
                    puts.add(new Entry(indexKey, id.instanceKey(), folded.asOfSequence(), values, null));
                }
            }
            List<String> deletes = stale.stream().filter(key -> !indexKeys.contains(key)).toList();
            if (store.write(partition, rowKey, tag, puts, deletes)) {
                writes.increment();
                return folded.asOfSequence();
            }
        }
    }

    RowPage query(RowFilter filter, int pageSize, String continuation) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("The page size is 1 to " + MAX_PAGE_SIZE + ", not " + pageSize);
        }
        String from;
        String to;
        if (filter.column() == null) {
            from = ROW;
            to = "k.";
        } else {
            ReadModel.Column<S> column = model.column(filter.column());
            String prefix = INDEX + column.name() + "-";
            from = filter.from() == null ? prefix : prefix + encoded(column, filter.from()) + "-";
            to = filter.equal() ? prefix + encoded(column, filter.from()) + "."
                    : filter.to() == null ? INDEX + column.name() + "." : prefix + encoded(column, filter.to()) + "-";
        }
        boolean after = continuation != null;
        if (after) {
            String last = decodeToken(continuation);
            if (last.compareTo(from) < 0 || last.compareTo(to) >= 0) {
                throw new IllegalArgumentException("The continuation token belongs to another query of " + model.name());
            }
            from = last;
        }
        List<Entry> entries = store.range(partition, from, after, to, pageSize + 1);
        boolean more = entries.size() > pageSize;
        List<Entry> page = more ? entries.subList(0, pageSize) : entries;
        return new RowPage(page.stream().map(this::rowOf).toList(),
                more ? encodeToken(page.get(page.size() - 1).key()) : null);
    }

    private String encoded(ReadModel.Column<S> column, Object value) {
        return ColumnValues.encode(column.type(), ColumnValues.coerce(column.name(), column.type(), value));
    }

    private Map<String, String> valuesOf(S state) {
        Map<String, String> values = new HashMap<>();
        for (ReadModel.Column<S> column : model.columns()) {
            Object value = column.value().apply(state);
            if (value != null) {
                values.put(column.name(), ColumnValues.text(column.type(),
                        ColumnValues.coerce(column.name(), column.type(), value)));
            }
        }
        return values;
    }

    private List<String> indexKeysOf(Entry row) {
        List<String> keys = new ArrayList<>();
        for (ReadModel.Column<S> column : model.columns()) {
            String text = row.values().get(column.name());
            if (text != null) {
                keys.add(indexKey(column.name(), ColumnValues.encode(column.type(),
                        ColumnValues.parse(column.type(), text)), row.rowKey()));
            }
        }
        return keys;
    }

    private static String indexKey(String column, String encoded, String instanceKey) {
        String key = INDEX + column + "-" + encoded + "-" + instanceKey;
        if (key.length() > MAX_INDEX_KEY_CHARS) {
            throw new IllegalArgumentException("The value of column " + column + " of instance " + instanceKey
                    + " is too long to index (" + key.length() + " key chars, at most " + MAX_INDEX_KEY_CHARS + ")");
        }
        return key;
    }

    private ReadModelRow rowOf(Entry entry) {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (ReadModel.Column<S> column : model.columns()) {
            String text = entry.values().get(column.name());
            if (text != null) {
                columns.put(column.name(), ColumnValues.parse(column.type(), text));
            }
        }
        return new ReadModelRow(entry.rowKey(), entry.sequence(), columns);
    }

    private static String encodeToken(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + token + "' is no continuation token of read model "
                    + model.name());
        }
    }
}
