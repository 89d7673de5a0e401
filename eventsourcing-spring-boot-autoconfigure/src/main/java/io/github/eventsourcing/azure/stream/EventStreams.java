package io.github.eventsourcing.azure.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Opens event streams by address, for code outside controllers (services, schedulers, listeners). The
 * auto-configured bean routes each domain/entity to the backend that configuration chose for it.
 */
public interface EventStreams {

    EventStream stream(StreamId id);

    default EventStream stream(String domain, String entityType, String instanceKey) {
        return stream(StreamId.of(domain, entityType, instanceKey));
    }

    /** Hands every instance key of a domain/entity that has a stream (in no particular order) to the action. */
    void forEachInstanceKey(StreamId.StreamType type, Consumer<String> action);

    /** Every instance key of a domain/entity that has a stream, sorted. Holds them all in memory. */
    default List<String> instanceKeys(String domain, String entityType) {
        List<String> keys = new ArrayList<>();
        forEachInstanceKey(new StreamId.StreamType(domain, entityType), keys::add);
        keys.sort(null);
        return keys;
    }
}
