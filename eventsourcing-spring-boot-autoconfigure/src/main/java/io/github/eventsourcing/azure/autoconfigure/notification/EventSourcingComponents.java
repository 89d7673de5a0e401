package io.github.eventsourcing.azure.autoconfigure.notification;

import com.fasterxml.jackson.databind.Module;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.internal.DefaultEventStreams;
import io.github.eventsourcing.azure.stream.internal.EventSerializer;
import io.github.eventsourcing.azure.stream.internal.EventTypeRegistry;
import io.github.eventsourcing.azure.stream.internal.StorageObjectMapper;
import org.springframework.beans.factory.ObjectProvider;

import java.util.function.Function;

/**
 * The core components notifications need, looked up when first needed rather than injected: the event streams take
 * the notifier as a listener, so injecting them into it would be a cycle; and an application that only receives
 * notifications may have no event streams at all.
 */
final class EventSourcingComponents {

    private final ObjectProvider<EventStreams> streams;
    private final ObjectProvider<EventStoreRouter> routers;
    private final ObjectProvider<EventSerializer> serializers;
    private final ObjectProvider<EventTypeRegistry> registries;
    private final ObjectProvider<Module> jacksonModules;
    private volatile EventSerializer fallbackSerializer;

    EventSourcingComponents(ObjectProvider<EventStreams> streams, ObjectProvider<EventStoreRouter> routers,
                            ObjectProvider<EventSerializer> serializers, ObjectProvider<EventTypeRegistry> registries,
                            ObjectProvider<Module> jacksonModules) {
        this.streams = streams;
        this.routers = routers;
        this.serializers = serializers;
        this.registries = registries;
        this.jacksonModules = jacksonModules;
    }

    /** The store of each stream type, as the event streams route them. */
    Function<StreamId.StreamType, EventStore> stores() {
        return type -> router().storeFor(type);
    }

    private EventStoreRouter router() {
        EventStoreRouter router = routers.getIfUnique();
        if (router != null) {
            return router;
        }
        if (streams.getIfUnique() instanceof DefaultEventStreams defaults) {
            return defaults.router();
        }
        throw new IllegalStateException("Notifications of writes need the application's EventStreams (or an "
                + "EventStoreRouter bean) to know which backend stores a stream");
    }

    /** The serializer of stored events: the event streams' own, or one on the storage mapper and event types. */
    EventSerializer serializer() {
        EventSerializer serializer = serializers.getIfUnique();
        if (serializer != null) {
            return serializer;
        }
        if (streams.getIfUnique() instanceof DefaultEventStreams defaults) {
            return defaults.serializer();
        }
        if (fallbackSerializer == null) {
            synchronized (this) {
                if (fallbackSerializer == null) {
                    EventTypeRegistry registry = registries.getIfUnique(EventTypeRegistry::new);
                    fallbackSerializer = new EventSerializer(
                            StorageObjectMapper.create(jacksonModules.orderedStream().toList()), registry);
                }
            }
        }
        return fallbackSerializer;
    }
}
