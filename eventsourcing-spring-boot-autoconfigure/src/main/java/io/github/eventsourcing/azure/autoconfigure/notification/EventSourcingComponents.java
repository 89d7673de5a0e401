package io.github.eventsourcing.azure.autoconfigure.notification;

import com.fasterxml.jackson.databind.Module;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.internal.EventSerializer;
import io.github.eventsourcing.azure.stream.internal.EventTypeRegistry;
import io.github.eventsourcing.azure.stream.internal.StorageObjectMapper;
import org.springframework.beans.factory.ObjectProvider;

import java.util.function.Function;

/**
 * The core components notifications need, looked up by their own types when first needed rather than injected: the
 * event streams take the notifier as a listener, so injecting the router behind them into it could be a cycle; and an
 * application that only receives notifications may have no event streams at all. Nothing is taken from the
 * {@link EventStreams} bean, so an application's own (say, one decorating the auto-configured bean) changes nothing.
 */
final class EventSourcingComponents {

    private final ObjectProvider<EventStoreRouter> routers;
    private final ObjectProvider<EventSerializer> serializers;
    private final ObjectProvider<EventTypeRegistry> registries;
    private final ObjectProvider<Module> jacksonModules;
    private volatile EventSerializer fallbackSerializer;

    EventSourcingComponents(ObjectProvider<EventStoreRouter> routers,
                            ObjectProvider<EventSerializer> serializers, ObjectProvider<EventTypeRegistry> registries,
                            ObjectProvider<Module> jacksonModules) {
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
        if (router == null) {
            throw new IllegalStateException("Notifications of writes need the application's EventStoreRouter bean to "
                    + "know which backend stores a stream");
        }
        return router;
    }

    /** The serializer of stored events: the bean, or (without event streams) one on the storage mapper and types. */
    EventSerializer serializer() {
        EventSerializer serializer = serializers.getIfUnique();
        if (serializer != null) {
            return serializer;
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
