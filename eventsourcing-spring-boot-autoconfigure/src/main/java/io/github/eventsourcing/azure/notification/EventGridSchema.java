package io.github.eventsourcing.azure.notification;

/** The input schema of the Event Grid topic that notifications are published to ({@code eventsourcing.notifications.event-grid.schema}). */
public enum EventGridSchema {

    /** The Event Grid event schema. */
    EVENT_GRID,

    /** The CloudEvents 1.0 schema. */
    CLOUD_EVENTS
}
