package io.github.eventsourcing.azure.table.internal;

import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import io.github.eventsourcing.azure.stream.EventStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Deletes a stream in two steps, so that it is gone for everyone at once and a crash half-way is harmless.
 *
 * <ol>
 *   <li><b>Mark.</b> One transaction deletes the header (if unchanged since it was read) and inserts the
 *       {@code !DELETING} marker and the {@code !GONE-} tombstone the deleted-stream notification is published from.
 *       From then on reads see no stream (they require the header) and appends that need it fail.</li>
 *   <li><b>Clean up.</b> The id rows, snapshot rows and events {@code E-2...} (every row from {@code E-} on) go in
 *       batches of at most 99, each together with a touch of the marker, so a late cleaner can never delete rows of
 *       a stream re-created after the deletion finished.
 *       A last transaction removes {@code E-1} and the marker together.</li>
 * </ol>
 * While the marker exists, {@code E-1} exists too, so creating the stream again fails; that append's diagnosis
 * finishes the cleanup first. A re-created stream therefore never sees an old event or event id, and whoever touches
 * the stream next (a delete or an append) resumes an interrupted cleanup.
 */
final class StreamDeletion {

    private static final Logger log = LoggerFactory.getLogger(TableEventStore.class);

    private static final int MAX_MARK_ATTEMPTS = 10;
    private static final int MAX_CLEANUP_PASSES = 20;
    /** One operation of each cleanup batch touches the marker. */
    private static final int DELETES_PER_BATCH = TableLimits.MAX_ENTITIES_PER_TRANSACTION - 1;
    /** Nothing beside the keys. */
    private static final List<String> KEYS_ONLY = List.of();

    /** Deletes the stream; true when this call deleted it (false when there was none, or it was already deleted). */
    boolean delete(StreamPartition stream) {
        String what = "deleting stream " + stream.id();
        for (int attempt = 1; ; attempt++) {
            Map<String, TableEntity> rows = stream.rows(List.of(RowKeys.HEAD, RowKeys.DELETING), what);
            if (rows.containsKey(RowKeys.DELETING)) {
                finish(stream);
                return false;
            }
            TableEntity head = rows.get(RowKeys.HEAD);
            if (head == null) {
                return false;
            }
            if (mark(stream, head, what)) {
                finishAfterMark(stream);
                return true;
            }
            if (attempt >= MAX_MARK_ATTEMPTS) {
                throw new EventStoreException("Could not delete stream " + stream.id() + ": it changed during each of "
                        + MAX_MARK_ATTEMPTS + " attempts");
            }
            StreamAppend.LOST_RACE.pause(attempt);
        }
    }

    /** Removes what an interrupted deletion left of the stream; nothing when no deletion is in progress. */
    void finish(StreamPartition stream) {
        for (int pass = 1; pass <= MAX_CLEANUP_PASSES; pass++) {
            switch (cleanupPass(stream)) {
                case DONE -> {
                    return;
                }
                case PROGRESS -> {
                    // look again: only the marker and E-1 should be left now
                }
                case CONFLICT -> StreamAppend.LOST_RACE.pause(pass);
            }
        }
        throw new EventStoreException("Could not finish removing the rows of deleted stream " + stream.id()
                + " in " + MAX_CLEANUP_PASSES + " passes; the next delete or append of it tries again");
    }

    private boolean mark(StreamPartition stream, TableEntity head, String what) {
        long version = EventEntities.number(head, EventEntities.VERSION);
        String deletionId = UUID.randomUUID().toString();
        OffsetDateTime now = EventEntities.utc(Instant.now());
        TableEntity marker = new TableEntity(stream.partitionKey(), RowKeys.DELETING)
                .addProperty(EventEntities.VERSION, version)
                .addProperty(EventEntities.DELETION_ID, deletionId)
                .addProperty(EventEntities.DELETED_AT, now);
        TableEntity tombstone = new TableEntity(stream.partitionKey(), RowKeys.gone(deletionId))
                .addProperty(EventEntities.VERSION, version)
                .addProperty(EventEntities.DELETED_AT, now)
                .addProperty(EventEntities.PENDING, true)
                .addProperty(EventEntities.DOMAIN, stream.id().domain())
                .addProperty(EventEntities.ENTITY_TYPE, stream.id().entityType());
        return stream.submit(List.of(
                // If-Match the header's ETag: an append in between changes it, and the version recorded must be final.
                new TableTransactionAction(TableTransactionActionType.DELETE, head, true),
                new TableTransactionAction(TableTransactionActionType.CREATE, marker),
                new TableTransactionAction(TableTransactionActionType.CREATE, tombstone)), what).isEmpty();
    }

    private void finishAfterMark(StreamPartition stream) {
        try {
            finish(stream);
        } catch (EventStoreException e) {
            // The stream is deleted for everyone already; its leftover rows are invisible and in nobody's way, and
            // the next delete or append of this key removes them.
            log.warn("Stream {} is deleted, but removing its rows failed; the next delete or append of it finishes "
                    + "that: {}", stream.id(), e.getMessage());
        }
    }

    private enum Pass { DONE, PROGRESS, CONFLICT }

    private Pass cleanupPass(StreamPartition stream) {
        String what = "removing the rows of deleted stream " + stream.id();
        // The marker sorts before the event and id rows, so it comes first.
        RowIterator rows = stream.query(ODataFilter.rowKeyIs(RowKeys.DELETING) + " or RowKey ge "
                + ODataFilter.literal(RowKeys.EVENT_PREFIX), KEYS_ONLY, null, what);
        TableEntity marker = rows.hasNext() ? rows.next() : null;
        if (marker == null || !RowKeys.DELETING.equals(marker.getRowKey())) {
            return Pass.DONE;
        }
        String firstEvent = RowKeys.event(1);
        boolean firstEventLeft = false;
        boolean deletedSome = false;
        List<String> batch = new ArrayList<>(DELETES_PER_BATCH);
        while (rows.hasNext()) {
            String rowKey = rows.next().getRowKey();
            if (rowKey.equals(firstEvent)) {
                firstEventLeft = true;
                continue;
            }
            batch.add(rowKey);
            if (batch.size() == DELETES_PER_BATCH) {
                if (!deleteWhileMarked(stream, batch, what)) {
                    return Pass.CONFLICT;
                }
                deletedSome = true;
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            if (!deleteWhileMarked(stream, batch, what)) {
                return Pass.CONFLICT;
            }
            deletedSome = true;
        }
        if (deletedSome) {
            return Pass.PROGRESS;
        }
        List<TableTransactionAction> last = new ArrayList<>(2);
        if (firstEventLeft) {
            last.add(delete(stream, firstEvent));
        }
        // If-Match the marker as just read: no cleaner touched it since, so nothing but these rows is left.
        last.add(new TableTransactionAction(TableTransactionActionType.DELETE, marker, true));
        return stream.submit(last, what).isEmpty() ? Pass.DONE : Pass.CONFLICT;
    }

    /** Deletes rows in one transaction that also requires the marker: false when a row or the marker is gone. */
    private static boolean deleteWhileMarked(StreamPartition stream, List<String> rowKeys, String what) {
        List<TableTransactionAction> actions = new ArrayList<>(rowKeys.size() + 1);
        actions.add(new TableTransactionAction(TableTransactionActionType.UPDATE_MERGE,
                new TableEntity(stream.partitionKey(), RowKeys.DELETING), false));
        for (String rowKey : rowKeys) {
            actions.add(delete(stream, rowKey));
        }
        return stream.submit(actions, what).isEmpty();
    }

    private static TableTransactionAction delete(StreamPartition stream, String rowKey) {
        return new TableTransactionAction(TableTransactionActionType.DELETE,
                new TableEntity(stream.partitionKey(), rowKey), false);
    }
}
