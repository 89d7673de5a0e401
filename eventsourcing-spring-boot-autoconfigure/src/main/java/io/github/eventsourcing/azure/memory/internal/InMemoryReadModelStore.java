package io.github.eventsourcing.azure.memory.internal;

import io.github.eventsourcing.azure.spi.ReadModelStore;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Read model rows in memory, for fast tests: sorted maps per partition, each write under the partition's lock. */
public final class InMemoryReadModelStore implements ReadModelStore {

    private final Map<String, NavigableMap<String, Entry>> partitions = new ConcurrentHashMap<>();
    private final AtomicLong tags = new AtomicLong();

    @Override
    public String name() {
        return "in-memory";
    }

    /** As many as Azure Table storage, so that a model that works here works there. */
    @Override
    public int maxEntriesPerWrite() {
        return 100;
    }

    @Override
    public Optional<Entry> get(String partition, String key) {
        NavigableMap<String, Entry> entries = partition(partition);
        synchronized (entries) {
            return Optional.ofNullable(entries.get(key));
        }
    }

    @Override
    public boolean write(String partition, String conditionKey, String expectedTag, List<Entry> puts,
                         List<String> deletes) {
        if (puts.size() + deletes.size() > maxEntriesPerWrite()) {
            throw new IllegalArgumentException("At most " + maxEntriesPerWrite() + " entries per write");
        }
        NavigableMap<String, Entry> entries = partition(partition);
        synchronized (entries) {
            Entry current = entries.get(conditionKey);
            if (!Objects.equals(current == null ? null : current.tag(), expectedTag)) {
                return false;
            }
            String tag = Long.toString(tags.incrementAndGet());
            deletes.forEach(entries::remove);
            puts.forEach(entry -> entries.put(entry.key(), new Entry(entry.key(), entry.rowKey(), entry.sequence(),
                    entry.values(), tag)));
            return true;
        }
    }

    @Override
    public List<Entry> range(String partition, String from, boolean fromExclusive, String to, int limit) {
        NavigableMap<String, Entry> entries = partition(partition);
        synchronized (entries) {
            if (from.compareTo(to) >= 0) {
                return List.of();
            }
            return entries.subMap(from, !fromExclusive, to, false).values().stream().limit(limit).toList();
        }
    }

    private NavigableMap<String, Entry> partition(String partition) {
        return partitions.computeIfAbsent(partition, name -> new TreeMap<>());
    }
}
