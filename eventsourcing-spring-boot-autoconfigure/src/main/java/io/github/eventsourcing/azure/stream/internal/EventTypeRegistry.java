package io.github.eventsourcing.azure.stream.internal;

import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.EventUpcaster;
import io.github.eventsourcing.azure.stream.UnknownEventTypeException;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps event classes to their stable business names (and back) and holds the upcasters for older stored shapes.
 * Classes register on first use; register them up front (the auto-configuration scans the application's packages)
 * so that reading a stream before writing to it finds them too.
 */
public final class EventTypeRegistry {

    private final Map<String, Class<?>> classesByName = new ConcurrentHashMap<>();
    private final Map<Class<?>, EventName> namesByClass = new ConcurrentHashMap<>();
    private final Map<String, EventUpcaster> upcasters = new ConcurrentHashMap<>();

    public EventTypeRegistry() {
    }

    public EventTypeRegistry(Collection<Class<?>> eventClasses, Collection<? extends EventUpcaster> upcasters) {
        eventClasses.forEach(this::register);
        upcasters.forEach(this::register);
    }

    /** Registers an event class under its {@link EventName}; two classes may not share a name. */
    public EventName register(Class<?> eventClass) {
        EventName name = namesByClass.get(eventClass);
        if (name != null) {
            return name;
        }
        name = eventClass.getAnnotation(EventName.class);
        if (name == null) {
            throw new UnknownEventTypeException(eventClass.getName() + " is not an event type: annotate it with "
                    + "@EventName(\"<stable business name>\") so stored streams never depend on the class name");
        }
        if (name.value().isBlank() || name.value().length() > 128) {
            throw new UnknownEventTypeException("The @EventName of " + eventClass.getName()
                    + " must be 1 to 128 characters and not blank");
        }
        if (name.version() < 1) {
            throw new UnknownEventTypeException("The @EventName version of " + eventClass.getName() + " must be >= 1");
        }
        Class<?> previous = classesByName.putIfAbsent(name.value(), eventClass);
        if (previous != null && previous != eventClass) {
            throw new UnknownEventTypeException("Event classes " + previous.getName() + " and " + eventClass.getName()
                    + " both claim the business name '" + name.value() + "'");
        }
        namesByClass.put(eventClass, name);
        return name;
    }

    public void register(EventUpcaster upcaster) {
        EventUpcaster previous = upcasters.putIfAbsent(key(upcaster.eventName(), upcaster.fromVersion()), upcaster);
        if (previous != null && previous != upcaster) {
            throw new IllegalStateException("Two upcasters read '" + upcaster.eventName() + "' version "
                    + upcaster.fromVersion() + ": " + previous.getClass().getName() + " and "
                    + upcaster.getClass().getName());
        }
    }

    /** The business name and schema version of an event class (registering it). */
    public EventName nameOf(Class<?> eventClass) {
        return register(eventClass);
    }

    public Optional<Class<?>> classFor(String eventName) {
        return Optional.ofNullable(classesByName.get(eventName));
    }

    Optional<EventUpcaster> upcasterFor(String eventName, int version) {
        if (upcasters.isEmpty()) {
            return Optional.empty(); // the usual case, asked once per event read: no key to build
        }
        return Optional.ofNullable(upcasters.get(key(eventName, version)));
    }

    private static String key(String name, int version) {
        return version + ":" + name;
    }
}
