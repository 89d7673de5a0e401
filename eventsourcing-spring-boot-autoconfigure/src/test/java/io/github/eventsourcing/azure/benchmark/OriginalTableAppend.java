package io.github.eventsourcing.azure.benchmark;

import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The append of the Table backend of the original C# library, the design this one replaces, written with the SDK:
 * three round trips per event, one after the other, and not atomic.
 * <ol>
 *   <li>a point read of the stream's footer row, which holds the last sequence;</li>
 *   <li>an update of that row, If-Match its ETag, with the sequence bumped (the optimistic-concurrency check);</li>
 *   <li>an insert of the event row at the new sequence.</li>
 * </ol>
 * The footer is created when the side is, so every measured append is the steady-state one.
 */
final class OriginalTableAppend {

    private final TableClient table;
    private final String partitionKey;

    OriginalTableAppend(TableClient table, String partitionKey) {
        this.table = table;
        this.partitionKey = partitionKey;
        table.createEntity(RawTableRows.newHead(partitionKey, 0, now()));
    }

    /** Appends one event's JSON, returning its sequence. */
    long append(byte[] eventJson) {
        TableEntity footer = table.getEntity(partitionKey, RawTableRows.HEAD);
        long sequence = (Long) footer.getProperty("Version") + 1;
        footer.addProperty("Version", sequence);
        table.updateEntityWithResponse(footer, TableEntityUpdateMode.REPLACE, true, null, Context.NONE);
        table.createEntity(RawTableRows.event(partitionKey, sequence, UUID.randomUUID().toString(), eventJson, now()));
        return sequence;
    }

    /**
     * The original's append to a stream that does not exist yet, the counterpart of the library's {@code mustBeNew()}:
     * a point read of the footer row, which is not there; an insert of the footer at sequence 1 (its conflict is the
     * concurrency check); an insert of the event row. Three round trips, not atomic. As in the original layout (a table
     * per type, a partition per stream), every stream's footer and first event row share their row keys with those of
     * the other streams in the table.
     */
    static void appendToNewStream(TableClient table, String partitionKey, byte[] eventJson) {
        try {
            table.getEntity(partitionKey, RawTableRows.HEAD);
            throw new IllegalStateException("stream " + partitionKey + " exists already");
        } catch (TableServiceException missing) {
            if (missing.getResponse().getStatusCode() != 404) {
                throw missing;
            }
        }
        table.createEntity(RawTableRows.newHead(partitionKey, 1, now()));
        table.createEntity(RawTableRows.event(partitionKey, 1, UUID.randomUUID().toString(), eventJson, now()));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
