package io.github.eventsourcing.azure.notification;

/** What a notification announces. The wire name is the value of the {@code kind} field of its data. */
public enum NotificationKind {
    /** A stream was created by its first append. */
    NEW_ENTITY("NewEntity"),
    /** A stream was deleted. */
    DELETED_ENTITY("DeletedEntity"),
    /** An event was appended to a stream. */
    NEW_EVENT("NewEvent"),
    /** A projection was run over a stream (best effort: reads never write). */
    PROJECTION_COMPLETED("ProjectionCompleted"),
    /** A classification was run over a stream (best effort: reads never write). */
    CLASSIFICATION_COMPLETED("ClassificationCompleted"),
    /** A query delivered its result to an Event Grid output (never one of a stream's change notifications). */
    QUERY_COMPLETED("QueryCompleted");

    private final String wireName;

    NotificationKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in notification data and, for the entity kinds, as the last segment of the event type. */
    public String wireName() {
        return wireName;
    }

    /** The kind with this wire name, or null when there is none. */
    public static NotificationKind fromWireName(String name) {
        for (NotificationKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return kind;
            }
        }
        return null;
    }
}
