package io.github.eventsourcing.azure.notification;

import io.github.eventsourcing.azure.stream.StreamId;

import java.time.Instant;
import java.util.Objects;

/**
 * A query completed, with its result: what a query output of kind Event Grid publishes
 * ({@code eventsourcing.queries.outputs.<name>.event-grid}). Not one of the change notifications of streams: it is
 * published once per query and output, when the query delivers its result.
 *
 * @param id          the same for every delivery of the same query's result (a subscriber can drop repeats)
 * @param streamId    the query's stream
 * @param queryType   the query type, {@code <Domain>.<Name>}
 * @param completedAt when the result was delivered
 * @param resultJson  the result as JSON ({@code null} when the query has none)
 */
public record QueryCompletedNotification(String id, StreamId streamId, String queryType, Instant completedAt,
                                         String resultJson) implements Notification {

    public QueryCompletedNotification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(queryType, "queryType");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(resultJson, "resultJson");
    }

    @Override
    public NotificationKind kind() {
        return NotificationKind.QUERY_COMPLETED;
    }

    @Override
    public Instant time() {
        return completedAt;
    }

    /**
     * {@code QueryCompleted}: the event type is {@code <Domain>.Command-Query<Name>.QueryCompleted}, the subject
     * {@code eventsourcing/<Domain>/Command-Query<Name>/QueryCompleted/<query id>}.
     */
    @Override
    public String name() {
        return NotificationKind.QUERY_COMPLETED.wireName();
    }
}
