package io.github.eventsourcing.azure.table.internal;

import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import io.github.eventsourcing.azure.concurrent.internal.Backoff;
import io.github.eventsourcing.azure.spi.AppendRequest;
import io.github.eventsourcing.azure.spi.EventRecord;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.BackendUnavailableException;
import io.github.eventsourcing.azure.stream.ConcurrencyConflictException;
import io.github.eventsourcing.azure.stream.EventStoreException;
import io.github.eventsourcing.azure.stream.ExistenceConstraint;
import io.github.eventsourcing.azure.stream.StreamNotFoundException;
import io.github.eventsourcing.azure.stream.internal.AppendDecision;
import io.github.eventsourcing.azure.stream.internal.AppendOutcomeCheck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One append: all its events in one entity group transaction, so it lands whole or not at all.
 *
 * <p>The transaction proves the stream's state itself, so an append with an expected version takes one round trip:
 * <ul>
 *   <li>at version v &ge; 1: insert the events' id rows, merge (touch) row {@code E-v}, which fails unless the stream
 *       reached v, insert rows {@code E-(v+1)...}, which fails if it went past v, and merge the header, which fails if
 *       the stream was deleted;</li>
 *   <li>at version 0: insert the id rows, the event rows from {@code E-1} and a new header.</li>
 * </ul>
 * An append without an expected version reads the header first. The id rows come first so that an append whose
 * events are already stored (a retry after a lost response, by the SDK or by the caller) fails at them, and is then
 * recognised as done rather than written twice.
 *
 * <p>When Azure turns the transaction down, nothing was written; one query of the header, the deletion marker and the
 * id row that was in the way tells why. Only an append without an expected version retries a lost race, at the
 * version that query found (so a retry costs two round trips, not three). An append with an expected version fails
 * with the version it found; it tries again only after finishing an interrupted deletion that was in its way, or when
 * the stream is, after all, at the expected version.
 *
 * <p>Why touch {@code E-v} rather than merge the header If-Match its ETag, one operation fewer? Azure and Azurite do
 * turn down a whole transaction whose If-Match is stale ({@code ConditionalTransactionTest}), but the SDK's answer to a
 * transaction tells no ETags, so an append at a known version (the caller's, or the version cache's) would have to
 * read the header first: two round trips instead of one. And the notification dispatcher rewrites the header after
 * publishing, so an ETag read before an append is often stale by the time the transaction arrives, which costs a read
 * and another transaction. Only an append that reads the header anyway (a stream the process has not seen) could drop
 * the touch; measured with notifications on, that saves nothing worth a second way of proving the version (README,
 * "Benchmark": the transaction-shape cases).
 */
final class StreamAppend {

    /**
     * Attempts of an append without an expected version before it gives up on a very busy stream. Each lost race
     * means another writer won, so with w writers in a tight loop a writer loses a round with probability about
     * (w-1)/w: with 8 writers, 30 attempts still failed about once in 50 appends, while 200 fail about once in
     * 10^11, within a few seconds at most (see {@link #LOST_RACE}).
     */
    static final int MAX_ATTEMPTS_AT_END = 200;

    /**
     * The pause before retrying after losing a race, 2 to 25 ms. The ceiling is kept low on purpose: a writer that
     * lost several times must not wait much longer than a fresh one, or it keeps losing to writers that just started
     * (starvation).
     */
    static final Backoff LOST_RACE = new Backoff(Duration.ofMillis(4), Duration.ofMillis(25), 0.5, 1.0);

    /** Attempts of an append with an expected version: a second one only after an interrupted deletion was finished. */
    static final int MAX_ATTEMPTS_AT_VERSION = 3;

    private static final String ENTITY_ALREADY_EXISTS = "EntityAlreadyExists";

    /** The id rows the diagnosis query reads beside the header and the deletion marker, within one filter. */
    static final int MAX_ID_ROWS_READ = ODataFilter.MAX_COMPARISONS - 1 - 2;

    private final StreamPartition stream;
    private final AppendRequest request;
    private final StreamDeletion deletion;
    private final List<String> eventIds;
    private final String appendId = UUID.randomUUID().toString();
    private final String what;
    /** Whether an attempt of this append may have committed without this call knowing. */
    private boolean mayHaveLanded;
    /** Whether a transaction of this append is being sent right now. */
    private boolean sending;

    StreamAppend(StreamPartition stream, AppendRequest request, StreamDeletion deletion) {
        this.stream = stream;
        this.request = request;
        this.deletion = deletion;
        this.eventIds = request.events().stream().map(EventRecord::eventId).toList();
        this.what = "appending " + eventIds.size() + " event(s) to stream " + stream.id();
    }

    /**
     * @throws io.github.eventsourcing.azure.stream.AppendOutcomeUnknownException when storage failed after a
     *         transaction may have committed (see {@link AppendOutcomeCheck#unknownUnlessNotSent})
     */
    AppendResult run() {
        try {
            return attempts();
        } catch (BackendUnavailableException failure) {
            if (!sending && !mayHaveLanded) {
                throw failure; // a read before anything was sent
            }
            throw AppendOutcomeCheck.unknownUnlessNotSent(failure, TableFailures.status(failure.getCause()),
                    stream.id(), request, mayHaveLanded);
        }
    }

    private AppendResult attempts() {
        int maxAttempts = request.expectsVersion() ? MAX_ATTEMPTS_AT_VERSION : MAX_ATTEMPTS_AT_END;
        Long versionSeen = null; // the header's version as the last diagnosis read it, when it read one
        for (int attempt = 1; ; attempt++) {
            long expected = request.expectsVersion() ? request.expectedVersion()
                    : versionSeen != null ? versionSeen : currentVersion();
            List<TableTransactionAction> transaction = transactionAt(expected);
            sending = true;
            Optional<StreamPartition.Rejection> rejection = stream.submit(transaction, what);
            sending = false;
            if (rejection.isEmpty()) {
                return new AppendResult(expected == 0, expected + 1, expected + eventIds.size(), false);
            }
            // Turned down, but possibly as the client's retry of an attempt that committed: the diagnosis tells.
            mayHaveLanded = true;
            Diagnosis diagnosis = diagnose(rejection.get(), expected);
            if (diagnosis.result() != null) {
                return diagnosis.result();
            }
            // Turned down by another writer's change, not by this append's own ids: none of its attempts committed.
            mayHaveLanded = false;
            if (attempt >= maxAttempts) {
                throw new ConcurrencyConflictException(stream.id(), expected,
                        diagnosis.versionSeen() == null ? 0 : diagnosis.versionSeen());
            }
            // The diagnosis just read the header: a retry at the end of the stream starts from it.
            versionSeen = diagnosis.versionSeen();
            LOST_RACE.pause(attempt);
        }
    }

    /** The version to append at when the caller expects none; refuses a missing stream that must exist. */
    private long currentVersion() {
        Optional<TableEntity> head = stream.head(what);
        if (head.isEmpty() && request.constraint() == ExistenceConstraint.MUST_EXIST) {
            throw new StreamNotFoundException(stream.id());
        }
        return head.map(row -> EventEntities.number(row, EventEntities.VERSION)).orElse(0L);
    }

    private List<TableTransactionAction> transactionAt(long expected) {
        String partitionKey = stream.partitionKey();
        int count = eventIds.size();
        long last = expected + count;
        if (last > RowKeys.MAX_SEQUENCE) {
            throw new EventStoreException("Stream " + stream.id() + " cannot grow beyond " + RowKeys.MAX_SEQUENCE
                    + " events");
        }
        List<TableTransactionAction> actions = new ArrayList<>(2 * count + 2);
        for (int i = 0; i < count; i++) {
            actions.add(insert(EventEntities.eventId(partitionKey, request.events().get(i), expected + 1 + i,
                    appendId)));
        }
        if (expected > 0) {
            // An empty merge changes nothing but fails when the row is missing: proof that the stream reached v.
            actions.add(new TableTransactionAction(TableTransactionActionType.UPDATE_MERGE,
                    new TableEntity(partitionKey, RowKeys.event(expected)), false));
        }
        for (int i = 0; i < count; i++) {
            actions.add(insert(EventEntities.event(partitionKey, expected + 1 + i, request.events().get(i),
                    request.context(), request.writtenAt())));
        }
        actions.add(expected > 0
                ? new TableTransactionAction(TableTransactionActionType.UPDATE_MERGE,
                        EventEntities.headUpdate(partitionKey, last), false)
                : insert(EventEntities.newHead(partitionKey, stream.id().type(), last, request.writtenAt())));
        return actions;
    }

    private static TableTransactionAction insert(TableEntity entity) {
        return new TableTransactionAction(TableTransactionActionType.CREATE, entity);
    }

    /** Why the transaction was turned down: the outcome, an exception, or that another attempt may succeed. */
    private Diagnosis diagnose(StreamPartition.Rejection rejection, long expected) {
        // Which event id was in the way: the one at the failed operation. Should Azure not say which operation failed,
        // the first id is the one to look at, as a repeated append fails there.
        int takenId = rejection.failedIndex() == null ? 0
                : rejection.failedWithin(0, eventIds.size()) ? rejection.failedIndex() : -1;
        String takenIdRow = ENTITY_ALREADY_EXISTS.equals(rejection.errorCode()) && takenId >= 0
                ? RowKeys.eventId(eventIds.get(takenId)) : null;
        // A repeat fails at its first id: then the same query reads all its id rows when the filter has room for them.
        boolean allIdRows = takenId == 0 && takenIdRow != null && eventIds.size() <= MAX_ID_ROWS_READ;
        Set<String> wanted = new LinkedHashSet<>(List.of(RowKeys.HEAD, RowKeys.DELETING));
        if (allIdRows) {
            eventIds.forEach(eventId -> wanted.add(RowKeys.eventId(eventId)));
        } else if (takenIdRow != null) {
            wanted.add(takenIdRow);
        }
        Map<String, TableEntity> rows = stream.rows(wanted, what);

        if (rows.containsKey(RowKeys.DELETING)) {
            // A deletion was interrupted; its leftovers (old ids, E-1) are in the way until it is finished.
            deletion.finish(stream);
            return Diagnosis.retry(null);
        }
        TableEntity head = rows.get(RowKeys.HEAD);
        TableEntity idRow = head == null || takenIdRow == null ? null : rows.get(takenIdRow);
        long version = head == null ? 0 : EventEntities.number(head, EventEntities.VERSION);
        AppendDecision decision = AppendDecision.decide(stream.id(), version,
                idRow == null ? AppendDecision.StoredIds.NONE
                        : allIdRows ? new StoredIdRows(idRowsByEventId(rows), this::eventRows)
                        : storedIds(takenId, idRow), request);
        if (decision instanceof AppendDecision.Replay replay) {
            // The same append id means this very call committed and lost the answer (the SDK retried the request):
            // for the caller that is the first write, not a repeat.
            AppendResult result = replay.result();
            boolean committedByThisCall = appendId.equals(EventEntities.string(idRow, EventEntities.APPEND_ID));
            return Diagnosis.done(committedByThisCall ? new AppendResult(result.streamCreated(),
                    result.firstSequence(), result.lastSequence(), false) : result);
        }
        if (decision instanceof AppendDecision.Refuse refuse) {
            throw refuse.error();
        }
        return Diagnosis.retry(version);
    }

    /**
     * Where the stream holds the append's event ids, given that the one at {@code takenId} is stored as
     * {@code idRow}, when the other ids' rows were not read (too many for one filter beside the header's). Azure stops
     * at the first failing operation, so the ids before it were not stored. When the first is stored, the events at
     * the sequences from it tell where the others are, if they are where a repeat would put them, and what they hold:
     * one query, on this rare path, instead of one per {@value #MAX_ID_ROWS_READ} id rows.
     */
    private AppendDecision.StoredIds storedIds(int takenId, TableEntity idRow) {
        long first = EventEntities.number(idRow, EventEntities.SEQUENCE);
        long last = first + eventIds.size() - 1;
        List<StoredEvent> events = takenId == 0 && last <= RowKeys.MAX_SEQUENCE ? eventRows(first, last) : List.of();
        return AppendDecision.StoredIds.of(Map.of(eventIds.get(takenId), first), events);
    }

    private Map<String, TableEntity> idRowsByEventId(Map<String, TableEntity> rows) {
        Map<String, TableEntity> byEventId = new HashMap<>();
        for (String eventId : eventIds) {
            TableEntity row = rows.get(RowKeys.eventId(eventId));
            if (row != null) {
                byEventId.put(eventId, row);
            }
        }
        return byEventId;
    }

    private List<StoredEvent> eventRows(long first, long last) {
        List<StoredEvent> events = new ArrayList<>();
        stream.query(ODataFilter.rowKeyBetween(RowKeys.event(first), RowKeys.event(last)), null, null, what)
                .forEachRemaining(row -> events.add(EventEntities.toStoredEvent(row)));
        return events;
    }

    /**
     * @param result      the append's outcome when it is settled; null when another attempt may succeed
     * @param versionSeen the stream's version as the diagnosis found it; null when it must be read again
     */
    private record Diagnosis(AppendResult result, Long versionSeen) {

        static Diagnosis done(AppendResult result) {
            return new Diagnosis(result, result.lastSequence());
        }

        static Diagnosis retry(Long versionSeen) {
            return new Diagnosis(null, versionSeen);
        }
    }
}
