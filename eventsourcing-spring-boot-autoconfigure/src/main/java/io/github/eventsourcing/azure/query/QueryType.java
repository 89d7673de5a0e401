package io.github.eventsourcing.azure.query;

import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.stream.StreamId;

/**
 * A kind of query within a domain, e.g. {@code Bank} / {@code HighestBalance}, and the address of its streams.
 *
 * <p>A query runs as a command (see {@link QueryHandler}): the query {@code HighestBalance} is the command type
 * {@code Query}{@code HighestBalance}, so the query with id {@code 42} is the stream
 * {@code Bank / Command-QueryHighestBalance / 42}, with the command's index of open instances and list of recent ones
 * ({@link CommandType}). One engine runs both, so queries have the commands' claims, resumption, dead letters and
 * health; the {@code eventsourcing.streams} rule that covers the domain's commands covers its queries.
 *
 * @param domain the domain, as in a stream id
 * @param name   1 to {@value #MAX_NAME_LENGTH} letters and digits
 */
public record QueryType(String domain, String name) {

    /** What the name of a query's command type starts with. */
    public static final String COMMAND_NAME_PREFIX = "Query";

    /** A command type's name is at most 40 characters, {@value #COMMAND_NAME_PREFIX} included. */
    public static final int MAX_NAME_LENGTH = 35;

    public QueryType {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH || !name.chars().allMatch(
                c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
            throw new IllegalArgumentException("A query type's name must be 1 to " + MAX_NAME_LENGTH
                    + " letters and digits, not '" + name + "'");
        }
        CommandType.of(domain, COMMAND_NAME_PREFIX + name); // the domain's own rule
    }

    public static QueryType of(String domain, String name) {
        return new QueryType(domain, name);
    }

    /** The command type the query runs as. */
    public CommandType commandType() {
        return CommandType.of(domain, COMMAND_NAME_PREFIX + name);
    }

    /** The stream of one query. */
    public StreamId instance(String queryId) {
        return commandType().instance(queryId);
    }

    @Override
    public String toString() {
        return domain + "." + name;
    }
}
