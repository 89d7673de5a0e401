package io.github.eventsourcing.azure.notification.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** The most recently handled keys, at most {@code capacity} of them: a bounded memory of what was done. */
final class RecentIds {

    private final Map<String, Boolean> recent;

    RecentIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.recent = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized boolean contains(String key) {
        return recent.get(key) != null;
    }

    synchronized void add(String key) {
        recent.put(key, Boolean.TRUE);
    }

    synchronized int size() {
        return recent.size();
    }
}
