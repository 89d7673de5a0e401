package io.github.eventsourcing.azure.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where read model rows are kept: ordered entries in partitions, written in atomic, conditional groups. The library
 * decides the keys (a row, and index rows whose keys encode column values in order); a store only has to keep
 * entries sorted by key within a partition, in ordinal order of their chars, and answer key ranges without looking
 * at the entries outside them.
 *
 * <p>Offered by an {@link EventStore} that can keep rows ({@link EventStore#readModelStore()}), or configured apart
 * from the events (read models of AppendBlob streams live in Table storage). Implementations are thread-safe and safe
 * for many processes at once, through the storage service's own conditional operations.
 */
public interface ReadModelStore {

    /** Identifies the storage, for logs and health (e.g. {@code table:https://account.table.core.windows.net}). */
    String name();

    /** Capability: the most entries one {@link #write} may put and delete together. */
    int maxEntriesPerWrite();

    /** The entry, if there is one. */
    Optional<Entry> get(String partition, String key);

    /**
     * Puts and deletes entries of one partition atomically, on condition that the entry {@code conditionKey} is
     * unchanged: it has the tag {@code expectedTag}, or, with null, does not exist. The condition's entry is itself
     * among the puts or the deletes. A put replaces an existing entry; a delete of an entry that is not there is
     * harmless for every entry but the condition's.
     *
     * @return false, with nothing written, when the condition does not hold
     */
    boolean write(String partition, String conditionKey, String expectedTag, List<Entry> puts, List<String> deletes);

    /**
     * Up to {@code limit} entries with {@code from <= key < to} (or {@code key > from} when {@code fromExclusive}),
     * in key order.
     */
    List<Entry> range(String partition, String from, boolean fromExclusive, String to, int limit);

    /**
     * One entry.
     *
     * @param key      its key within the partition
     * @param rowKey   the instance key of the row it belongs to
     * @param sequence the sequence the row reflects
     * @param values   the row's column values, in their stored text form
     * @param tag      changes with every write (an ETag); null on entries to put
     */
    record Entry(String key, String rowKey, long sequence, Map<String, String> values, String tag) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(rowKey, "rowKey");
            values = Map.copyOf(values);
        }
    }
}
