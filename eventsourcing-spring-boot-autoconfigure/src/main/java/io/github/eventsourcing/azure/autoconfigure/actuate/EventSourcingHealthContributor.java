package io.github.eventsourcing.azure.autoconfigure.actuate;

import io.github.eventsourcing.azure.actuate.internal.StorageHealthIndicator;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.NamedContributor;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code eventsourcing} health contributor: {@code storage} (every connection the stream rules use) and, when
 * notifications are enabled, {@code notifications} (the backlog of unpublished ones). Closing it stops the probe
 * threads.
 */
final class EventSourcingHealthContributor implements CompositeHealthContributor, AutoCloseable {

    private final StorageHealthIndicator storage;
    private final CompositeHealthContributor contributors;

    /**
     * @param notifications the notification backlog; null when notifications are off
     */
    EventSourcingHealthContributor(StorageHealthIndicator storage, HealthContributor notifications) {
        this.storage = storage;
        Map<String, HealthContributor> byName = new LinkedHashMap<>();
        byName.put("storage", storage);
        if (notifications != null) {
            byName.put("notifications", notifications);
        }
        this.contributors = CompositeHealthContributor.fromMap(byName);
    }

    StorageHealthIndicator storage() {
        return storage;
    }

    @Override
    public HealthContributor getContributor(String name) {
        return contributors.getContributor(name);
    }

    @Override
    public Iterator<NamedContributor<HealthContributor>> iterator() {
        return contributors.iterator();
    }

    @Override
    public void close() {
        storage.close();
    }
}
