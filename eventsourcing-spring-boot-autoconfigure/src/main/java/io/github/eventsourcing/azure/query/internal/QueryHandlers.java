package io.github.eventsourcing.azure.query.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventsourcing.azure.command.CommandHandler;
import io.github.eventsourcing.azure.command.internal.CommandHandlerSource;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.query.QueryHandler;
import io.github.eventsourcing.azure.query.QueryType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The query handler beans by type, each as the command it runs as (which the command runner is given). */
public final class QueryHandlers implements CommandHandlerSource {

    private final Map<QueryType, QueryCommandHandler<?, ?>> byType = new LinkedHashMap<>();

    /** @param outputs the outputs of each type, by output name; a type not in it has none */
    public QueryHandlers(Collection<? extends QueryHandler<?, ?>> handlers,
                         Map<QueryType, Map<String, QueryOutput>> outputs, Projections projections,
                         ObjectMapper mapper) {
        for (QueryHandler<?, ?> handler : handlers) {
            QueryCommandHandler<?, ?> previous = byType.putIfAbsent(handler.type(), new QueryCommandHandler<>(
                    handler, outputs.getOrDefault(handler.type(), Map.of()), projections, mapper));
            if (previous != null) {
                throw new IllegalArgumentException("Two query handlers handle " + handler.type() + ": "
                        + previous.handler().getClass().getName() + " and " + handler.getClass().getName());
            }
        }
    }

    /**
     * What the handler leaves out of what a query needs: {@code targets} when it implements neither
     * {@code targets()} nor {@code targets(P)}, {@code request} likewise; empty when nothing.
     */
    public static List<String> undeclared(QueryHandler<?, ?> handler) {
        List<String> missing = new ArrayList<>();
        for (String method : List.of("targets", "request")) {
            if (!overrides(handler, method) && !overrides(handler, method, Object.class)) {
                missing.add(method);
            }
        }
        return missing;
    }

    /** Whether the handler's class (or a class between it and the interface) implements the method. */
    private static boolean overrides(QueryHandler<?, ?> handler, String method, Class<?>... parameters) {
        try {
            return handler.getClass().getMethod(method, parameters).getDeclaringClass() != QueryHandler.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    public List<QueryType> types() {
        return new ArrayList<>(byType.keySet());
    }

    QueryHandler<?, ?> get(QueryType type) {
        QueryCommandHandler<?, ?> registered = byType.get(type);
        if (registered == null) {
            throw new IllegalArgumentException("No QueryHandler bean handles " + type + "; the handled types are "
                    + byType.keySet());
        }
        return registered.handler();
    }

    @Override
    public List<CommandHandler<?>> commandHandlers() {
        return List.copyOf(byType.values());
    }
}
