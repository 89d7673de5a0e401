package io.github.eventsourcing.azure.stream;

/** What an append requires of the stream's existence before it writes. */
public enum ExistenceConstraint {
    /** Append whether or not the stream exists; the first append creates it. */
    LOOSE,
    /** The stream must already hold at least one event, else {@link StreamNotFoundException}. */
    MUST_EXIST,
    /** The stream must not exist yet, else {@link StreamAlreadyExistsException}. */
    MUST_BE_NEW
}
