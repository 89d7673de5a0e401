package io.github.eventsourcing.azure.autoconfigure;

import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreFactory;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.spi.StorageConnection;
import io.github.eventsourcing.azure.stream.EventStoreException;
import io.github.eventsourcing.azure.stream.InvalidStreamKeyException;
import io.github.eventsourcing.azure.stream.StreamId.StreamType;
import io.github.eventsourcing.azure.stream.internal.StreamTypeRules;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes each domain/entity to the store its {@code eventsourcing.streams} rule names, falling back from the most to
 * the least specific rule: {@code Domain.Entity}, {@code Domain.ALL}, {@code ALL.Entity}, {@code ALL.ALL}. Rule keys
 * match exactly, letter case included (see {@link StreamTypeRules}).
 *
 * <p>Every rule is checked, and every store created, when the router is built (at start-up), so that a wrong rule or
 * connection fails the start instead of the first request. Rules that name the same backend and connection share one
 * store.
 */
public final class ConfiguredEventStoreRouter implements EventStoreRouter {

    private static final Log log = LogFactory.getLog(ConfiguredEventStoreRouter.class);

    private final Map<String, Route> routesByRule = new LinkedHashMap<>();
    private final StreamTypeRules<Route> routes;
    private final Map<String, EventStore> storesByRule = new HashMap<>();
    private final Map<StreamType, EventStore> storesByType = new ConcurrentHashMap<>();

    public ConfiguredEventStoreRouter(EventSourcingProperties properties, Collection<EventStoreFactory> factories) {
        this(properties, factories, List.of());
    }

    /**
     * @param decorators applied, in order, to every store created (see {@link EventStoreDecorator})
     */
    public ConfiguredEventStoreRouter(EventSourcingProperties properties, Collection<EventStoreFactory> factories,
                                      List<EventStoreDecorator> decorators) {
        Map<String, EventStoreFactory> factoriesByBackend = byBackend(factories);
        // Rules with the same backend and connection share one store.
        Map<List<String>, EventStore> storesByTarget = new HashMap<>();
        properties.getStreams().forEach((key, rule) -> {
            requireValidRuleKey(key);
            EventStoreFactory factory = factoryFor(key, rule, factoriesByBackend);
            String connectionName = factory.needsConnection() ? rule.getConnection() : null;
            StorageConnection connection = factory.needsConnection()
                    ? connectionFor(key, connectionName, properties.getConnections()).toStorageConnection(connectionName)
                    : null;
            Route route = new Route(key, factory.backend(), connectionName);
            routesByRule.put(key, route);
            EventStore store = storesByTarget.computeIfAbsent(List.of(factory.backend(), String.valueOf(connectionName)),
                    unused -> decorated(created(factory, connection), decorators));
            storesByRule.put(key, store);
            log.info("Event streams of " + key + " are stored by backend '" + route.backend() + "'"
                    + (connectionName != null ? " on connection '" + connectionName + "'"
                    : " (in this process only: nothing survives a restart)"));
        });
        routes = StreamTypeRules.of(routesByRule);
        if (routesByRule.isEmpty()) {
            log.warn("No eventsourcing.streams rules are configured, so every stream access will fail; add one, e.g. "
                    + "eventsourcing.streams.[ALL.ALL].backend=table");
        }
    }

    private static EventStore created(EventStoreFactory factory, StorageConnection connection) {
        try {
            return factory.create(connection);
        } catch (InvalidEventSourcingConfigurationException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            String where = connection == null ? "" : " on the connection '" + connection.name() + "'";
            throw new InvalidEventSourcingConfigurationException("The backend '" + factory.backend()
                    + "' cannot create its store" + where + ": " + e.getMessage(),
                    connection == null ? "Fix the backend's configuration."
                            : "Fix eventsourcing.connections." + connection.name() + " for the backend '"
                            + factory.backend() + "', or store these streams with another backend.");
        }
    }

    private static EventStore decorated(EventStore store, List<EventStoreDecorator> decorators) {
        EventStore decorated = store;
        for (EventStoreDecorator decorator : decorators) {
            decorated = decorator.decorate(decorated);
        }
        return decorated;
    }

    /** The rule that decides where streams of this domain/entity are stored, if any does. */
    @Override
    public Optional<Route> route(StreamType type) {
        return routes.find(type);
    }

    /** Whether some rule covers this domain/entity. */
    @Override
    public boolean covers(StreamType type) {
        return route(type).isPresent();
    }

    @Override
    public EventStore storeFor(StreamType type) {
        return storesByType.computeIfAbsent(type, this::resolve);
    }

    /** Every rule, in the order configured. */
    @Override
    public List<Route> routes() {
        return List.copyOf(routesByRule.values());
    }


    private EventStore resolve(StreamType type) {
        Route route = route(type).orElseThrow(() -> new EventStoreException("No eventsourcing.streams rule covers "
                + type + " (tried " + String.join(", ", StreamTypeRules.candidateKeys(type)) + "): add one, e.g. "
                + "eventsourcing.streams.[" + type + "].backend=table"));
        return storesByRule.get(route.rule());
    }

    /** One factory per backend name; the application's own replaces a built-in one of the same name. */
    private static Map<String, EventStoreFactory> byBackend(Collection<EventStoreFactory> factories) {
        Map<String, EventStoreFactory> byBackend = new TreeMap<>();
        for (EventStoreFactory factory : factories) {
            EventStoreFactory other = byBackend.get(factory.backend());
            if (other == null || other instanceof BuiltInBackend) {
                byBackend.put(factory.backend(), factory);
            } else if (!(factory instanceof BuiltInBackend)) {
                throw new InvalidEventSourcingConfigurationException("Two EventStoreFactory beans claim the backend '"
                        + factory.backend() + "': " + other.getClass().getName() + " and " + factory.getClass().getName()
                        + ".", "Give each backend its own name (EventStoreFactory.backend()).");
            }
        }
        return byBackend;
    }

    private static void requireValidRuleKey(String key) {
        String[] parts = key.split("\\.", -1);
        if (parts.length != 2) {
            throw new InvalidEventSourcingConfigurationException("eventsourcing.streams has the rule '" + key
                    + "', whose key is not of the form Domain.Entity.",
                    "Name the rule Domain.Entity, with ALL for any domain or entity, e.g. "
                            + "eventsourcing.streams.[Bank.Account].backend=table. In YAML write the key in brackets "
                            + "and quotes, \"[Bank.Account]\": without them the dot is taken as a level of nesting.");
        }
        try {
            new StreamType(parts[0], parts[1]);
        } catch (InvalidStreamKeyException e) {
            throw new InvalidEventSourcingConfigurationException("eventsourcing.streams has the rule '" + key
                    + "', which cannot name a domain/entity: " + e.getMessage() + ".",
                    "Rename the rule to Domain.Entity as the streams are addressed, using letters, digits, '-' and "
                            + "'_' only, with ALL for any domain or entity.");
        }
    }

    private static EventStoreFactory factoryFor(String key, EventSourcingProperties.StreamRule rule,
                                                Map<String, EventStoreFactory> factories) {
        String backend = rule.getBackend();
        String property = "eventsourcing.streams.[" + key + "].backend";
        String choose = "Set " + property + " to one of: " + String.join(", ", factories.keySet()) + ".";
        if (backend == null || backend.isBlank()) {
            throw new InvalidEventSourcingConfigurationException("The rule eventsourcing.streams.[" + key
                    + "] names no backend.", choose);
        }
        EventStoreFactory factory = factories.get(backend);
        if (factory != null) {
            return factory;
        }
        String missingSdk = switch (backend) {
            case "table" -> "com.azure:azure-data-tables";
            case "append-blob" -> "com.azure:azure-storage-blob";
            default -> null;
        };
        if (missingSdk != null) {
            throw new InvalidEventSourcingConfigurationException("The rule eventsourcing.streams.[" + key
                    + "] uses the backend '" + backend + "', which is not available: " + missingSdk
                    + " is not on the classpath.",
                    "Add the dependency " + missingSdk + " (io.github.eventsourcing.azure:eventsourcing-spring-boot-starter "
                            + "brings it), or " + Character.toLowerCase(choose.charAt(0)) + choose.substring(1));
        }
        throw new InvalidEventSourcingConfigurationException("The rule eventsourcing.streams.[" + key
                + "] uses the backend '" + backend + "', which does not exist.", choose);
    }

    private static EventSourcingProperties.Connection connectionFor(String key, String name,
                                                                    Map<String, EventSourcingProperties.Connection> connections) {
        if (name == null || name.isBlank()) {
            throw new InvalidEventSourcingConfigurationException("The rule eventsourcing.streams.[" + key
                    + "] names no connection.", "Set eventsourcing.streams.[" + key + "].connection to one of: "
                    + definedConnections(connections) + ".");
        }
        EventSourcingProperties.Connection connection = connections.get(name);
        if (connection == null) {
            throw new InvalidEventSourcingConfigurationException("The rule eventsourcing.streams.[" + key
                    + "] stores into the connection '" + name + "', which eventsourcing.connections does not define"
                    + (connections.isEmpty() ? " (it defines none)." : " (it defines " + definedConnections(connections)
                    + ")."),
                    "Define the connection, e.g. eventsourcing.connections." + name + ".connection-string or "
                            + "eventsourcing.connections." + name + ".account-name, or set eventsourcing.streams.["
                            + key + "].connection to a defined connection.");
        }
        return connection;
    }

    private static String definedConnections(Map<String, EventSourcingProperties.Connection> connections) {
        return connections.isEmpty() ? "(none defined)" : String.join(", ", new TreeMap<>(connections).keySet());
    }

}
