package io.github.eventsourcing.azure.query.internal;

import io.github.eventsourcing.azure.notification.NotificationPublisher;
import io.github.eventsourcing.azure.notification.QueryCompletedNotification;
import io.github.eventsourcing.azure.query.QueryType;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Publishes the result as a Query Completed notification through the notification publisher (Event Grid), with an id
 * derived from the query, so that a subscriber can drop the repeat of a delivery.
 */
public final class EventGridOutput implements QueryOutput {

    private final NotificationPublisher publisher;
    private final Clock clock;

    public EventGridOutput(NotificationPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public void deliver(QueryType type, String queryId, String resultJson) {
        String id = UUID.nameUUIDFromBytes(("query-completed/" + type + "/" + queryId)
                .getBytes(StandardCharsets.UTF_8)).toString();
        publisher.publish(List.of(new QueryCompletedNotification(id, type.instance(queryId), type.toString(),
                clock.instant(), resultJson)));
    }

    @Override
    public String describe() {
        return "Event Grid";
    }
}
