package io.github.eventsourcing.azure.stream.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventsourcing.azure.spi.EventRecord;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.EventSerializationException;
import io.github.eventsourcing.azure.stream.EventUpcaster;
import io.github.eventsourcing.azure.stream.NewEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.UnknownEvent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Turns event objects into stored JSON records and back, upcasting older shapes on the way in. */
public final class EventSerializer {

    private final ObjectMapper mapper;
    private final EventTypeRegistry types;
    /**
     * How to bind each event class, resolved once: {@code mapper.readValue(bytes, Class)} resolves the class's type
     * again for every event, and asking its {@link EventName} for the version goes through an annotation proxy; both
     * were measurable shares of reading a long stream.
     */
    private final Map<Class<?>, Binding> bindings = new ConcurrentHashMap<>();
    /** A writer per event class, its serializer resolved once. */
    private final Map<Class<?>, ObjectWriter> writers = new ConcurrentHashMap<>();

    public EventSerializer(ObjectMapper storageMapper, EventTypeRegistry types) {
        this.mapper = storageMapper;
        this.types = types;
    }

    public EventTypeRegistry types() {
        return types;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public EventRecord serialize(NewEvent event) {
        EventName name = types.nameOf(event.payload().getClass());
        try {
            byte[] json = writers.computeIfAbsent(event.payload().getClass(), mapper::writerFor)
                    .writeValueAsBytes(event.payload());
            return new EventRecord(event.eventId(), name.value(), name.version(), json);
        } catch (JsonProcessingException e) {
            throw new EventSerializationException("Cannot write event " + event.payload().getClass().getName()
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The payload object of a stored event: its registered class, or an {@link UnknownEvent}. */
    public Decoded deserialize(StreamId streamId, StoredEvent stored) {
        String name = stored.eventName();
        int version = stored.schemaVersion();
        Optional<EventUpcaster> upcaster = types.upcasterFor(name, version);
        JsonNode json = null;
        try {
            if (upcaster.isPresent()) {
                json = mapper.readTree(stored.data());
                while (upcaster.isPresent()) {
                    if (!(json instanceof ObjectNode object)) {
                        throw new EventSerializationException("Event #" + stored.sequence() + " of " + streamId
                                + " ('" + name + "' v" + version + ") is not a JSON object, so it cannot be upcast", null);
                    }
                    json = upcaster.get().upcast(object);
                    name = upcaster.get().upcastName();
                    version++;
                    upcaster = types.upcasterFor(name, version);
                }
            }
            Optional<Class<?>> type = types.classFor(name);
            if (type.isEmpty()) {
                String raw = json == null ? new String(stored.data(), StandardCharsets.UTF_8) : mapper.writeValueAsString(json);
                return new Decoded(name, version, new UnknownEvent(name, version, raw));
            }
            Binding binding = bindings.get(type.get());
            if (binding == null) {
                binding = bindings.computeIfAbsent(type.get(), this::bindingOf);
            }
            requireShapeOf(binding, type.get(), streamId, stored, name, version);
            Object payload = json == null ? binding.reader().readValue(stored.data())
                    : mapper.treeToValue(json, type.get());
            return new Decoded(name, version, payload);
        } catch (IOException e) {
            throw new EventSerializationException("Cannot read event #" + stored.sequence() + " of " + streamId + " ('"
                    + name + "' v" + version + "): " + e.getMessage(), e);
        }
    }

    /**
     * Refuses to bind JSON of another shape version than the class declares. Jackson would bind it anyway, leaving
     * fields it does not find empty and dropping ones the class lacks: a fold would then go on with wrong values and
     * no one would notice. An older version means an upcaster is missing; a newer one, that this code is older than
     * the data (a rolled-back deployment). An event renamed by an upcaster is let through: the version numbers of two
     * names need not line up, and the chain of upcasters that renamed it is the application's word on its shape.
     */
    private void requireShapeOf(Binding binding, Class<?> type, StreamId streamId, StoredEvent stored, String name,
                                int version) {
        int declared = binding.declaredVersion();
        if (version == declared || !name.equals(stored.eventName())) {
            return;
        }
        String event = "Event #" + stored.sequence() + " of " + streamId + " ('" + name + "' v" + version + ")";
        if (version < declared) {
            throw new EventSerializationException(event + " is an older shape than " + type.getName() + " (v"
                    + declared + ") and no upcaster turns it into v" + (version + 1) + ": register an EventUpcaster"
                    + " bean for '" + name + "' v" + version, null);
        }
        throw new EventSerializationException(event + " was written by newer code than this: " + type.getName()
                + " only knows v" + declared + ". Deploy the version that wrote it (or raise @EventName.version with"
                + " the upcasters it needs) before reading this stream", null);
    }

    private Binding bindingOf(Class<?> type) {
        return new Binding(mapper.readerFor(type), types.nameOf(type).version());
    }

    /** The reader of an event class, and the shape version the class declares. */
    private record Binding(ObjectReader reader, int declaredVersion) {
    }

    /** A deserialized payload with the name and version it ended up at after upcasting. */
    public record Decoded(String eventName, int schemaVersion, Object payload) {
    }
}
