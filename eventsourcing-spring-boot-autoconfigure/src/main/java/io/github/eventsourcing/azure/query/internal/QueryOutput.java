package io.github.eventsourcing.azure.query.internal;

import io.github.eventsourcing.azure.query.QueryType;

/** Where the results of queries are delivered: named in configuration, never in a request. */
public interface QueryOutput {

    /**
     * Delivers one query's result, or throws: the step that called it then runs again (the command's retries, then
     * its dead letter), so a delivery happens at least once.
     *
     * @param resultJson the result as JSON ({@code null} when the collation gave none)
     */
    void deliver(QueryType type, String queryId, String resultJson) throws Exception;

    /** How the output is described in the query's stream, e.g. {@code webhook http://host/path}. */
    String describe();
}
