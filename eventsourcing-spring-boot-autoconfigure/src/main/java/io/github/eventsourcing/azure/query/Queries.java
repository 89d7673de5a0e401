package io.github.eventsourcing.azure.query;

import io.github.eventsourcing.azure.stream.WriteContext;

import java.util.List;
import java.util.UUID;

/** Starts and reads queries (the auto-configured bean, present when there are {@link QueryHandler} beans). */
public interface Queries {

    /** Starts a query with a new random id. */
    default QueryInstance start(QueryType type, Object parameters) {
        return start(type, UUID.randomUUID().toString(), parameters, WriteContext.EMPTY);
    }

    /**
     * Starts a query with the given id: records it and its parameters and runs it on this instance, like a command.
     * Idempotent: starting an existing query with the same parameters returns it, unchanged.
     *
     * @throws io.github.eventsourcing.azure.command.CommandIdConflictException the id is taken by a query with other
     *                                                                          parameters
     * @throws io.github.eventsourcing.azure.command.InvalidCommandIdException  the id is not a valid command id
     * @throws IllegalArgumentException no {@link QueryHandler} handles the type, or the parameters are of another
     *                                  class than its parameters
     */
    QueryInstance start(QueryType type, String queryId, Object parameters, WriteContext context);

    /** A query by id (no storage round trip: it need not exist). */
    QueryInstance instance(QueryType type, String queryId);

    /** The ids of the queries of a type started most recently, newest first (as {@code Commands.recentCommandIds}). */
    List<String> recentQueryIds(QueryType type, int limit);

    /** The query types that have a handler. */
    List<QueryType> types();
}
