package io.github.eventsourcing.azure.stream;

import java.util.List;

/**
 * Event ids of an append are already used otherwise, so it is neither new nor a repeat: some, but not all, of them are
 * in the stream; or all are, but with other events (another name, schema version or JSON); or one id appears twice in
 * the append. Nothing was written.
 */
public class EventIdConflictException extends EventStoreException {

    private final List<String> eventIds;

    /**
     * @param eventIds the ids in conflict
     */
    public EventIdConflictException(String message, List<String> eventIds) {
        super(message);
        this.eventIds = List.copyOf(eventIds);
    }

    /** The ids in conflict: those already stored otherwise, or the one given twice. */
    public List<String> eventIds() {
        return eventIds;
    }
}
