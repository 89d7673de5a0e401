package io.github.eventsourcing.azure.query.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventsourcing.azure.command.Commands;
import io.github.eventsourcing.azure.query.Queries;
import io.github.eventsourcing.azure.query.QueryInstance;
import io.github.eventsourcing.azure.query.QueryType;
import io.github.eventsourcing.azure.stream.WriteContext;

import java.util.List;

/** Queries through the commands they run as. */
public final class DefaultQueries implements Queries {

    private final QueryHandlers handlers;
    private final Commands commands;
    private final ObjectMapper mapper;

    public DefaultQueries(QueryHandlers handlers, Commands commands, ObjectMapper mapper) {
        this.handlers = handlers;
        this.commands = commands;
        this.mapper = mapper;
    }

    @Override
    public QueryInstance start(QueryType type, String queryId, Object parameters, WriteContext context) {
        handlers.get(type); // a clear error for a type without a handler, in the query's terms
        commands.start(type.commandType(), queryId, parameters, context);
        return instance(type, queryId);
    }

    @Override
    public QueryInstance instance(QueryType type, String queryId) {
        return new DefaultQueryInstance(type, queryId, handlers.get(type).resultType(),
                commands.instance(type.commandType(), queryId), mapper);
    }

    @Override
    public List<String> recentQueryIds(QueryType type, int limit) {
        return commands.recentCommandIds(type.commandType(), limit);
    }

    @Override
    public List<QueryType> types() {
        return handlers.types();
    }
}
