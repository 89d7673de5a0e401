package io.github.eventsourcing.azure.observation.internal;

import io.github.eventsourcing.azure.observation.EventSourcingObservation;
import io.github.eventsourcing.azure.observation.EventStoreObservationConvention;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.micrometer.observation.ObservationRegistry;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wraps an {@link EventStore} so that every call to it is an {@code eventsourcing.store} observation (see
 * {@link EventSourcingObservation#STORE_OPERATION}).
 *
 * <p>The wrapper keeps every other public interface the store implements, and hands their calls to the store
 * unobserved: the library finds a store's optional capabilities with {@code instanceof} (snapshots through
 * {@code SnapshotStore}, health through {@code HealthProbe}, durable notifications through {@code ChangeFeedSource},
 * and whatever a backend adds later), so a wrapper that hid them would silently switch them off. Hence a
 * {@link Proxy} over all of the store's interfaces rather than a class that knows a fixed set of them.
 */
public final class ObservedEventStore {

    private ObservedEventStore() {
    }

    /**
     * The store, observed; the store itself when it is observed already.
     *
     * @param customConvention replaces the default names and keys; null for the default
     */
    public static EventStore of(EventStore store, ObservationRegistry registry,
                                EventStoreObservationConvention customConvention) {
        if (isObserved(store)) {
            return store;
        }
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        collectPublicInterfaces(store.getClass(), interfaces);
        return (EventStore) Proxy.newProxyInstance(store.getClass().getClassLoader(),
                interfaces.toArray(Class<?>[]::new),
                new Handler(store, new ObservingEventStore(store, registry, customConvention)));
    }

    /**
     * A router whose stores are observed. Each store is wrapped once, so the router keeps answering the same
     * instance for the same store.
     */
    public static EventStoreRouter observing(EventStoreRouter router, ObservationRegistry registry,
                                             EventStoreObservationConvention customConvention) {
        Map<EventStore, EventStore> wrapped = new ConcurrentHashMap<>();
        return type -> {
            EventStore store = router.storeFor(type);
            return isObserved(store) ? store
                    : wrapped.computeIfAbsent(store, plain -> of(plain, registry, customConvention));
        };
    }

    /** Whether the store is a wrapper made by {@link #of}. */
    public static boolean isObserved(EventStore store) {
        return Proxy.isProxyClass(store.getClass()) && Proxy.getInvocationHandler(store) instanceof Handler;
    }

    /** The store a wrapper observes, or the store itself when it is no wrapper. */
    public static EventStore delegateOf(EventStore store) {
        return isObserved(store) ? ((Handler) Proxy.getInvocationHandler(store)).delegate : store;
    }

    private static void collectPublicInterfaces(Class<?> type, Set<Class<?>> interfaces) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> candidate : c.getInterfaces()) {
                // A proxy cannot implement another package's non-public interface; those are internal markers.
                if (Modifier.isPublic(candidate.getModifiers()) && interfaces.add(candidate)) {
                    collectPublicInterfaces(candidate, interfaces);
                }
            }
        }
    }

    /** Sends {@link EventStore} calls through the observations, and every other call straight to the store. */
    private static final class Handler implements InvocationHandler {

        private final EventStore delegate;
        private final ObservingEventStore observing;

        Handler(EventStore delegate, ObservingEventStore observing) {
            this.delegate = delegate;
            this.observing = observing;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "observed " + delegate;
                    default -> call(delegate, method, args);
                };
            }
            return call(method.getDeclaringClass() == EventStore.class ? observing : delegate, method, args);
        }

        private static Object call(Object target, Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
