package io.github.eventsourcing.azure.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns one stored shape of an event (business name + schema version) into the next one, so that streams
 * written by older code still read as today's classes. Declare upcasters as beans; they are chained until the
 * shape reaches the version the current class declares in {@link EventName#version()}.
 */
public interface EventUpcaster {

    /** The business name of the stored event this upcaster reads. */
    String eventName();

    /** The stored schema version this upcaster reads; it produces {@code fromVersion() + 1}. */
    int fromVersion();

    /** The upcast JSON (the argument may be modified and returned). */
    ObjectNode upcast(ObjectNode stored);

    /** The business name after upcasting; by default unchanged (override to merge or rename event types). */
    default String upcastName() {
        return eventName();
    }
}
