package io.github.eventsourcing.azure.projection.internal;

import io.github.eventsourcing.azure.projection.Classified;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.UnknownEvent;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link EventHandler} methods of one projection or classification class, found once and cached. An event is
 * handled by the method whose parameter type is the most specific supertype of the event's class; an event no
 * method takes is skipped.
 */
final class HandlerMethods {

    private static final Map<Class<?>, HandlerMethods> CACHE = new ConcurrentHashMap<>();

    private final Class<?> owner;
    private final Map<Class<?>, Method> byEventType;
    private final Map<Class<?>, Method> resolved = new ConcurrentHashMap<>();
    private static final Method NONE;

    static {
        try {
            NONE = Object.class.getMethod("toString");
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private HandlerMethods(Class<?> owner, Map<Class<?>, Method> byEventType) {
        this.owner = owner;
        this.byEventType = byEventType;
    }

    static HandlerMethods of(Class<?> type, boolean classification) {
        return CACHE.computeIfAbsent(type, t -> scan(t, classification));
    }

    /** The event classes the handlers take (to register their business names before reading). */
    List<Class<?>> eventTypes() {
        return new ArrayList<>(byEventType.keySet());
    }

    /** Applies one event; returns what the handler returned (null for void or no handler). */
    Object apply(Object target, RecordedEvent event) {
        Method method = resolved.get(event.payload().getClass());
        if (method == null) {
            method = resolved.computeIfAbsent(event.payload().getClass(), this::find);
        }
        if (method == NONE) {
            return null;
        }
        try {
            return method.getParameterCount() == 1 ? method.invoke(target, event.payload())
                    : method.invoke(target, event.payload(), event);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(owner.getSimpleName() + "." + method.getName() + " failed on event #"
                    + event.sequence() + " of " + event.streamId(), cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private Method find(Class<?> eventClass) {
        Method best = null;
        Class<?> bestType = null;
        for (Map.Entry<Class<?>, Method> entry : byEventType.entrySet()) {
            if (entry.getKey().isAssignableFrom(eventClass)
                    && (bestType == null || bestType.isAssignableFrom(entry.getKey()))) {
                best = entry.getValue();
                bestType = entry.getKey();
            }
        }
        return best == null ? NONE : best;
    }

    private static HandlerMethods scan(Class<?> type, boolean classification) {
        Map<Class<?>, Method> handlers = new LinkedHashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (!method.isAnnotationPresent(EventHandler.class) || Modifier.isStatic(method.getModifiers())) {
                    continue;
                }
                Class<?>[] params = method.getParameterTypes();
                boolean shapeOk = params.length == 1 || params.length == 2 && params[1] == RecordedEvent.class;
                if (!shapeOk) {
                    throw new IllegalArgumentException(describe(method) + " must take the event, optionally followed "
                            + "by a RecordedEvent");
                }
                Class<?> eventType = params[0];
                boolean eventTypeOk = eventType.isInterface() || eventType == Object.class || eventType == UnknownEvent.class
                        || eventType.isAnnotationPresent(EventName.class)
                        || java.lang.reflect.Modifier.isAbstract(eventType.getModifiers());
                if (!eventTypeOk) {
                    throw new IllegalArgumentException(describe(method) + " takes " + eventType.getName()
                            + ", which is not an event type: annotate it with @EventName");
                }
                if (classification && !(method.getReturnType() == Classified.class || method.getReturnType() == void.class)) {
                    throw new IllegalArgumentException(describe(method) + " must return Classified (or void for "
                            + "UNCHANGED) in a classification");
                }
                if (handlers.containsKey(eventType)) {
                    continue; // overridden in a subclass: the subclass's method was found first
                }
                method.setAccessible(true);
                handlers.put(eventType, method);
            }
        }
        if (handlers.isEmpty()) {
            throw new IllegalArgumentException(type.getName() + " has no @EventHandler method, so it would never change");
        }
        return new HandlerMethods(type, handlers);
    }

    private static String describe(Method method) {
        return "@EventHandler " + method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }
}
