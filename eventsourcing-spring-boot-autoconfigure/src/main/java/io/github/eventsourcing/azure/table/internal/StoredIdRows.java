package io.github.eventsourcing.azure.table.internal;

import com.azure.data.tables.models.TableEntity;
import io.github.eventsourcing.azure.spi.EventRecord;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.internal.AppendDecision;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Where a stream holds every event id of a refused append, and what it holds there, from the id rows the diagnosis
 * read: their sequences, and their digests of the content (see {@link EventEntities#digest}), so that telling a repeat
 * from another event under the same id costs no read of the event rows. Only when some of the ids' rows have no digest
 * (written before format version 3) are the event rows read, and compared by content.
 */
final class StoredIdRows implements AppendDecision.StoredIds {

    private final Map<String, TableEntity> rowsByEventId;
    private final BiFunction<Long, Long, List<StoredEvent>> eventRows;

    /**
     * @param rowsByEventId the id rows found, by event id; an id without one is not in the stream
     * @param eventRows     reads the stored events from one sequence to another
     */
    StoredIdRows(Map<String, TableEntity> rowsByEventId, BiFunction<Long, Long, List<StoredEvent>> eventRows) {
        this.rowsByEventId = rowsByEventId;
        this.eventRows = eventRows;
    }

    @Override
    public long sequenceOf(String eventId) {
        TableEntity row = rowsByEventId.get(eventId);
        return row == null ? 0 : EventEntities.number(row, EventEntities.SEQUENCE);
    }

    @Override
    public List<StoredEvent> events(long first, long last) {
        return eventRows.apply(first, last);
    }

    @Override
    public List<String> differing(List<EventRecord> events, long first) {
        if (events.stream().anyMatch(event -> digestOf(event.eventId()) == null)) {
            return AppendDecision.StoredIds.super.differing(events, first);
        }
        return events.stream().filter(event -> !EventEntities.digest(event).equals(digestOf(event.eventId())))
                .map(EventRecord::eventId).toList();
    }

    private String digestOf(String eventId) {
        TableEntity row = rowsByEventId.get(eventId);
        return row == null ? null : EventEntities.string(row, EventEntities.DIGEST);
    }
}
