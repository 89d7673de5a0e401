package io.github.eventsourcing.azure.stream.internal;

import io.github.eventsourcing.azure.spi.AppendRequest;
import io.github.eventsourcing.azure.spi.EventRecord;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.ConcurrencyConflictException;
import io.github.eventsourcing.azure.stream.EventIdConflictException;
import io.github.eventsourcing.azure.stream.EventStoreException;
import io.github.eventsourcing.azure.stream.ExistenceConstraint;
import io.github.eventsourcing.azure.stream.StreamAlreadyExistsException;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.StreamNotFoundException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an append does given what is known about the stream: write at the next sequence, report an earlier append of
 * the same events (a replay), or refuse (event ids already stored otherwise, stream not found, stream already exists,
 * version conflict). One decision for every backend, so that they all answer the same append alike.
 *
 * <p>Only a "write" may be acted on with possibly stale knowledge, because the write's own condition checks it; the
 * other answers need knowledge fresh from storage.
 *
 * <p>An event id is an idempotency key, not a name: an append whose ids are all stored is a replay only when the stored
 * events are the same events (name, schema version and JSON). A reused id with other content is a conflict, never a
 * silent "already applied" that would drop the new event.
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

    /** Where the stream holds an event id, and what it holds there, as far as the backend knows. */
    interface StoredIds {

        /** Known for a stream without events, or whose events are all deleted. */
        StoredIds NONE = new StoredIds() {
            @Override
            public long sequenceOf(String eventId) {
                return 0;
            }

            @Override
            public List<StoredEvent> events(long first, long last) {
                return List.of();
            }
        };

        /** The sequence of the event with this id; 0 when the stream does not hold it. */
        long sequenceOf(String eventId);

        /**
         * The stored events from sequence {@code first} to {@code last}, in order. Asked only when every id of the
         * append was found there (a replay candidate, which is rare), to compare their content.
         */
        List<StoredEvent> events(long first, long last);

        /**
         * The ids of those events, found at {@code first}, {@code first + 1}, ..., whose stored event is another event
         * (name, schema version or JSON). Asked only for a replay candidate. By default this reads the stored events and
         * compares them; a backend that keeps a digest of each event's content with its id may compare the digests
         * instead, and so needs no read of the events.
         */
        default List<String> differing(List<EventRecord> events, long first) {
            return AppendDecision.differing(events, events(first, first + events.size() - 1), first);
        }

        /**
         * What a backend knows from stored events it read, and from the sequences of some ids it learned otherwise.
         */
        static StoredIds of(Map<String, Long> knownSequences, List<StoredEvent> events) {
            Map<String, Long> sequences = new HashMap<>(knownSequences);
            events.forEach(event -> sequences.putIfAbsent(event.eventId(), event.sequence()));
            return new StoredIds() {
                @Override
                public long sequenceOf(String eventId) {
                    return sequences.getOrDefault(eventId, 0L);
                }

                @Override
                public List<StoredEvent> events(long first, long last) {
                    return events.stream().filter(event -> event.sequence() >= first && event.sequence() <= last)
                            .toList();
                }
            };
        }
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
     * A replay when every id is in the stream at consecutive sequences in the append's order, with the same content;
     * a refusal when only some are, or when the content differs; null when none is.
     */
    private static AppendDecision replayOf(StreamId id, StoredIds stored, List<EventRecord> events) {
        List<String> found = new ArrayList<>();
        boolean consecutive = true;
        long first = stored.sequenceOf(events.get(0).eventId());
        for (int i = 0; i < events.size(); i++) {
            long sequence = i == 0 ? first : stored.sequenceOf(events.get(i).eventId());
            if (sequence > 0) {
                found.add(events.get(i).eventId());
                consecutive &= first > 0 && sequence == first + i;
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        if (found.size() < events.size() || !consecutive) {
            return new Refuse(new EventIdConflictException("Event ids " + found + " of this append are already in "
                    + "stream " + id + ", but not as one earlier append of the same events; nothing was written", found));
        }
        long last = first + events.size() - 1;
        List<String> differing = stored.differing(events, first);
        if (!differing.isEmpty()) {
            return new Refuse(new EventIdConflictException("Event ids " + differing + " of this append are already in "
                    + "stream " + id + " with another event (name, schema version or JSON); nothing was written",
                    differing));
        }
        return new Replay(new AppendResult(first == 1, first, last, true));
    }

    /** The ids of the events whose stored counterpart (at {@code first}, {@code first + 1}, ...) is another event. */
    private static List<String> differing(List<EventRecord> events, List<StoredEvent> stored, long first) {
        List<String> differing = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            EventRecord event = events.get(i);
            StoredEvent match = i < stored.size() ? stored.get(i) : null;
            if (match == null || match.sequence() != first + i || !sameEvent(event, match)) {
                differing.add(event.eventId());
            }
        }
        return differing;
    }

    private static boolean sameEvent(EventRecord event, StoredEvent stored) {
        return event.eventId().equals(stored.eventId()) && event.eventName().equals(stored.eventName())
                && event.schemaVersion() == stored.schemaVersion() && sameJson(event.data(), stored.data());
    }

    /**
     * The same JSON as stored: byte for byte, except that a backend may have stored a line break as a space (the
     * AppendBlob records are one line each). In valid JSON a line break can only be white space between tokens, so
     * the two are the same JSON.
     */
    private static boolean sameJson(byte[] given, byte[] stored) {
        if (Arrays.equals(given, stored)) {
            return true;
        }
        if (given.length != stored.length) {
            return false;
        }
        for (int i = 0; i < given.length; i++) {
            boolean lineBreak = given[i] == '\n' || given[i] == '\r';
            if (given[i] != stored[i] && !(lineBreak && stored[i] == ' ')) {
                return false;
            }
        }
        return true;
    }
}
