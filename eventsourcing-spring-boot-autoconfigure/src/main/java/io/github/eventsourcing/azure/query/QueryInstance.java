package io.github.eventsourcing.azure.query;

import io.github.eventsourcing.azure.command.CommandInstance;
import io.github.eventsourcing.azure.stream.StreamId;

import java.util.Optional;

/** One query, by address. */
public interface QueryInstance {

    QueryType type();

    String id();

    StreamId streamId();

    /** Reads the query's stream once; empty when there is no such query. */
    Optional<QueryState> read();

    /** The command the query runs as: its execution state, and cancellation. */
    CommandInstance command();
}
