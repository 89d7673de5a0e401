package io.github.eventsourcing.azure.stream.internal;

import io.github.eventsourcing.azure.spi.AppendRequest;
import io.github.eventsourcing.azure.spi.EventRecord;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.ConcurrencyConflictException;
import io.github.eventsourcing.azure.stream.EventIdConflictException;
import io.github.eventsourcing.azure.stream.EventStoreException;
import io.github.eventsourcing.azure.stream.ExistenceConstraint;
import io.github.eventsourcing.azure.stream.StreamAlreadyExistsException;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.StreamNotFoundException;

import java.util.List;

/**
 * What an append does given what is known about the stream: write at the next sequence, report an earlier append of
 * the same events (a replay), or refuse (event ids already stored otherwise, stream not found, stream already exists,
 * version conflict). One decision for every backend, so that they all answer the same append alike.
 *
 * <p>Only a "write" may be acted on with possibly stale knowledge, because the write's own condition checks it; the
 * other answers need knowledge fresh from storage. New answers (e.g. an id conflict because the content differs, or an
 * outcome that cannot be known) are further records of this interface.
 */
public sealed interface AppendDecision {

    /** Write the events after the stream's current version. */
    record Write() implements AppendDecision {
    }

    /** The events are already stored by an earlier append of the same events: its result, marked as a repeat. */
    record Replay(AppendResult result) implements AppendDecision {
    }

    /** The append cannot be done; nothing is written. */
    record Refuse(EventStoreException error) implements AppendDecision {
    }

    /** Where the stream holds an event id, as far as the backend knows. */
    @FunctionalInterface
    interface StoredIds {

        /** Known for a stream without events, or whose events are all deleted. */
        StoredIds NONE = eventId -> 0;

        /** The sequence of the event with this id; 0 when the stream does not hold it. */
        long sequenceOf(String eventId);
    }

    /**
     * @param version the stream's version (0: it does not exist)
     * @param stored  where the stream holds the append's event ids
     */
    static AppendDecision decide(StreamId id, long version, StoredIds stored, AppendRequest request) {
        AppendDecision replay = replayOf(id, stored, request.events());
        if (replay != null) {
            return replay;
        }
        if (request.constraint() == ExistenceConstraint.MUST_EXIST && version == 0) {
            return new Refuse(new StreamNotFoundException(id));
        }
        if (request.expectsVersion() && request.expectedVersion() != version) {
            return new Refuse(request.constraint() == ExistenceConstraint.MUST_BE_NEW
                    ? new StreamAlreadyExistsException(id)
                    : new ConcurrencyConflictException(id, request.expectedVersion(), version));
        }
        return new Write();
    }

    /**
     * A replay when every id is in the stream at consecutive sequences in the append's order, a refusal when only
     * some are, null when none is.
     */
    private static AppendDecision replayOf(StreamId id, StoredIds stored, List<EventRecord> events) {
        int found = 0;
        boolean consecutive = true;
        long first = stored.sequenceOf(events.get(0).eventId());
        for (int i = 0; i < events.size(); i++) {
            long sequence = i == 0 ? first : stored.sequenceOf(events.get(i).eventId());
            if (sequence > 0) {
                found++;
                consecutive &= first > 0 && sequence == first + i;
            }
        }
        if (found == 0) {
            return null;
        }
        if (found == events.size() && consecutive) {
            return new Replay(new AppendResult(first == 1, first, first + events.size() - 1, true));
        }
        return new Refuse(new EventIdConflictException("Some event ids of this append are already in stream " + id
                + ", but not as one earlier append of the same events"));
    }
}
