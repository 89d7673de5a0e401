package io.github.eventsourcing.azure.spi;

import io.github.eventsourcing.azure.stream.StreamId.StreamType;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses the backend that stores a domain/entity.
 *
 * <p>Besides {@link #storeFor}, a router declares its routes: the actuator health indicator probes the store of every
 * route, the notification dispatcher polls the change feed of every route's store from the start, and the start-up
 * check of controller bindings fails for a domain/entity the router does not {@link #covers cover}. A router that
 * wraps another forwards these methods, so that wrapping it switches none of that off.
 */
@FunctionalInterface
public interface EventStoreRouter {

    /** The rule-key word that matches any domain or any entity. */
    String ALL = "ALL";

    /**
     * The store of the domain/entity.
     *
     * @throws io.github.eventsourcing.azure.stream.EventStoreException when no route covers it
     */
    EventStore storeFor(StreamType type);

    /** Whether {@link #storeFor} has a store for the domain/entity; true unless the router knows otherwise. */
    default boolean covers(StreamType type) {
        return true;
    }

    /** The route that decides where the domain/entity is stored, if the router declares one. */
    default Optional<Route> route(StreamType type) {
        return Optional.empty();
    }

    /** Every route the router declares, each once; none unless it declares them. */
    default List<Route> routes() {
        return List.of();
    }

    /** Every stream type on one store (the simplest configuration, and the one tests use). */
    static EventStoreRouter single(EventStore store) {
        Route route = new Route(ALL + "." + ALL, store.backendName(), null);
        return new EventStoreRouter() {
            @Override
            public EventStore storeFor(StreamType type) {
                return store;
            }

            @Override
            public Optional<Route> route(StreamType type) {
                return Optional.of(route);
            }

            @Override
            public List<Route> routes() {
                return List.of(route);
            }
        };
    }

    /**
     * Where the streams of a rule are stored.
     *
     * @param rule       the rule's key, {@code Domain.Entity} with {@link #ALL} for any domain or entity, e.g.
     *                   {@code Bank.ALL}; the store of {@link #streamType()} is the rule's store
     * @param backend    the backend, e.g. {@code table}
     * @param connection the connection's name; null for backends that need none (in-memory)
     */
    record Route(String rule, String backend, String connection) {

        public Route {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(backend, "backend");
            if (rule.split("\\.", -1).length != 2) {
                throw new IllegalArgumentException("A route's rule is Domain.Entity, not " + rule);
            }
        }

        /** The domain/entity the rule's key names ({@code ALL} is a valid name), whose store is the rule's. */
        public StreamType streamType() {
            String[] parts = rule.split("\\.", 2);
            return new StreamType(parts[0], parts[1]);
        }
    }
}
