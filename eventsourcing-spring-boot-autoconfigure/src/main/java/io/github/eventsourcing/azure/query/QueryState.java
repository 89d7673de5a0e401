package io.github.eventsourcing.azure.query;

import java.time.Instant;
import java.util.Map;

/**
 * A query as read from its stream.
 *
 * @param status     where it is
 * @param reason     why it failed; null unless it did
 * @param result     the collated result, once collated; null before, and when the collation gave none
 * @param deliveries when the result was delivered to each output, by output name
 * @param startedAt  when it was started
 * @param endedAt    when it completed or failed; null while running
 */
public record QueryState(QueryStatus status, String reason, Object result, Map<String, Instant> deliveries,
                         Instant startedAt, Instant endedAt) {

    public QueryState {
        deliveries = Map.copyOf(deliveries);
    }

    /** The result as its class ({@link QueryHandler#resultType()}); null when there is none. */
    public <R> R result(Class<R> resultType) {
        return resultType.cast(result);
    }
}
