package io.github.eventsourcing.azure.blob.internal;

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
 * What an append does given what is known about the stream: write at the next sequence, report an earlier append
 * of the same events, or refuse. Only a "write" may be acted on with possibly stale knowledge, because the write's
 * condition checks it; the other answers need knowledge fresh from storage.
 */
sealed interface AppendDecision {

    record Write() implements AppendDecision {
    }

    record Replay(AppendResult result) implements AppendDecision {
    }

    record Refuse(EventStoreException error) implements AppendDecision {
    }

    static AppendDecision decide(StreamId id, StreamState state, AppendRequest request) {
        long version = state.liveVersion();
        if (!state.deleted()) {
            AppendDecision replay = replayOf(id, state.ids(), request.events());
            if (replay != null) {
                return replay;
            }
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
    private static AppendDecision replayOf(StreamId id, EventIdIndex ids, List<EventRecord> events) {
        int found = 0;
        boolean consecutive = true;
        long first = ids.sequenceOf(events.get(0).eventId());
        for (int i = 0; i < events.size(); i++) {
            long sequence = i == 0 ? first : ids.sequenceOf(events.get(i).eventId());
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
        return new Refuse(new EventIdConflictException(found + " of the " + events.size() + " event ids of this append "
                + "are already in stream " + id + ", but not as one earlier append of the same events"));
    }
}
