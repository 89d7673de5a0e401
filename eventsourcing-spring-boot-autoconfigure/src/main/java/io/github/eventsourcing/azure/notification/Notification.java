package io.github.eventsourcing.azure.notification;

import io.github.eventsourcing.azure.stream.StreamId;

import java.time.Instant;

/**
 * A change notification, as published to Azure Event Grid and as handed to
 * {@link NotificationListener} methods when Event Grid delivers it back.
 *
 * <p>Event type and subject follow the scheme of the original library, so existing Event Grid subscriptions and
 * their filters keep working (see {@link NotificationNames} for the exact rules):
 * <pre>
 * kind                     eventType                          subject
 * new / deleted entity     {Domain}.{Entity}.NewEntity        eventsourcing/{Domain}/{Entity}/{InstanceKey}
 *                          {Domain}.{Entity}.DeletedEntity
 * new event                {Domain}.{Entity}.{EventName}      eventsourcing/{Domain}/{Entity}/{EventName}/{InstanceKey}
 * projection / classif.    {Domain}.{Entity}.{Name}           eventsourcing/{Domain}/{Entity}/{Name}/{InstanceKey}
 * </pre>
 */
public sealed interface Notification permits NewEntityNotification, DeletedEntityNotification, NewEventNotification,
        ProjectionCompletedNotification, ClassificationCompletedNotification, QueryCompletedNotification {

    /** The data version of every notification this library publishes. */
    String DATA_VERSION = "1.0";

    /**
     * The notification's id. Notifications of writes have stable ids (the same change always gets the same id, a
     * re-created stream gets new ones), so a subscriber can drop duplicates of an at-least-once delivery.
     */
    String id();

    StreamId streamId();

    NotificationKind kind();

    /** When the change happened: write time, creation, deletion, or when the projection completed. */
    Instant time();

    /** The name in the event slot: event business name, projection or classification name; null for entities. */
    default String name() {
        return null;
    }

    /** The Event Grid event type (CloudEvents {@code type}). */
    default String eventType() {
        return NotificationNames.eventType(this);
    }

    /** The Event Grid subject (CloudEvents {@code subject}). */
    default String subject() {
        return NotificationNames.subject(this);
    }
}
