package io.github.eventsourcing.azure.command.internal;

import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.command.event.CommandOpened;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.NewEvent;
import io.github.eventsourcing.azure.stream.RecordedEvent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The index of open commands: one small stream per open command, under the type's
 * {@link CommandType#openIndexType()}, deleted when the command ends. Listing the index's instance keys is how
 * instances find commands to resume, without scanning every command stream ever written.
 */
public final class OpenCommandIndex {

    /** The id of the entry's one event: opening an entry twice writes it once. */
    private static final String OPENED_EVENT_ID = "opened";

    private final EventStreams streams;

    public OpenCommandIndex(EventStreams streams) {
        this.streams = streams;
    }

    void open(CommandType type, String commandId) {
        entry(type, commandId).append(NewEvent.of(new CommandOpened(type.name()), OPENED_EVENT_ID));
    }

    void close(CommandType type, String commandId) {
        entry(type, commandId).delete();
    }

    List<String> openIds(CommandType type) {
        return streams.instanceKeys(type.openIndexType().domain(), type.openIndexType().entityType());
    }

    /** When the entry was made; empty when there is none. */
    Optional<Instant> openedAt(CommandType type, String commandId) {
        return entry(type, commandId).findEvent(OPENED_EVENT_ID).map(RecordedEvent::writtenAt);
    }

    private EventStream entry(CommandType type, String commandId) {
        return streams.stream(type.openIndexType().instance(commandId));
    }
}
