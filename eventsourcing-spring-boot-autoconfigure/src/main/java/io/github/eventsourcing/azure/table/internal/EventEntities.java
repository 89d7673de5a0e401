package io.github.eventsourcing.azure.table.internal;

import com.azure.data.tables.models.TableEntity;
import io.github.eventsourcing.azure.spi.EventRecord;
import io.github.eventsourcing.azure.spi.SnapshotStore.StoredSnapshot;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.StreamId.StreamType;
import io.github.eventsourcing.azure.stream.WriteContext;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;

/**
 * The entities of a stream's partition: how events, ids, headers and snapshots are laid out as Azure Table properties.
 */
final class EventEntities {

    // Header and bookkeeping rows
    static final String VERSION = "Version";
    static final String PENDING = "Pending";
    static final String CREATED_AT = "CreatedAt";
    static final String DELETION_ID = "DeletionId";
    static final String DELETED_AT = "DeletedAt";
    /**
     * The stream type, on the header and tombstone rows: table names are hashes, so this is how the notification
     * dispatcher, polling a table, knows whose partitions it found.
     */
    static final String DOMAIN = "Domain";
    static final String ENTITY_TYPE = "EntityType";

    // Event-id rows
    static final String SEQUENCE = "Sequence";
    /** A random id per append call: tells a transport-level retry of this very call from an earlier call's append. */
    static final String APPEND_ID = "AppendId";
    /**
     * A digest of the event's content (see {@link #digest}), so that a repeated append is told from another event
     * under the same id without reading the event rows. Missing on rows written before format version 3.
     */
    static final String DIGEST = "Digest";

    /** The bytes of the SHA-256 an id row keeps: 192 bits, 32 characters of Base64. */
    private static final int DIGEST_BYTES = 24;

    // Event rows
    static final String EVENT_ID = "EventId";
    static final String NAME = "Name";
    static final String SCHEMA_VERSION = "SchemaVersion";
    static final String WRITTEN_AT = "WrittenAt";
    static final String WHO = "Who";
    static final String SOURCE = "Source";
    static final String COMMENTARY = "Commentary";
    static final String CORRELATION_ID = "CorrelationId";
    static final String CAUSATION_ID = "CausationId";
    static final String TRACE_PARENT = "TraceParent";
    static final String REQUEST_FINGERPRINT = "RequestFingerprint";
    // Snapshot rows (beside SEQUENCE and DATA)
    static final String LAST_EVENT_ID = "LastEventId";
    static final String AS_OF_TIME = "AsOfTime";

    /** The event's UTF-8 JSON is split over {@code Data}, {@code Data1}, {@code Data2}, ... */
    static final String DATA = "Data";

    /** Azure's limit for one property value. */
    static final int DATA_CHUNK_BYTES = 64 * 1024;

    private EventEntities() {
    }

    static TableEntity event(String partitionKey, long sequence, EventRecord record, WriteContext context,
                             Instant writtenAt) {
        TableEntity entity = TableFormat.stamped(new TableEntity(partitionKey, RowKeys.event(sequence)))
                .addProperty(EVENT_ID, record.eventId())
                .addProperty(NAME, record.eventName())
                .addProperty(SCHEMA_VERSION, record.schemaVersion())
                .addProperty(WRITTEN_AT, utc(writtenAt));
        addIfPresent(entity, WHO, context.who());
        addIfPresent(entity, SOURCE, context.source());
        addIfPresent(entity, COMMENTARY, context.commentary());
        addIfPresent(entity, CORRELATION_ID, context.correlationId());
        addIfPresent(entity, CAUSATION_ID, context.causationId());
        addIfPresent(entity, TRACE_PARENT, context.traceParent());
        addIfPresent(entity, REQUEST_FINGERPRINT, context.requestFingerprint());
        return withData(entity, record.data());
    }

    /** A projection's snapshot: the event it is as of, and its state as JSON split like event data. */
    static TableEntity snapshot(String partitionKey, String snapshotKey, StoredSnapshot snapshot) {
        TableEntity entity = TableFormat.stamped(new TableEntity(partitionKey, RowKeys.snapshot(snapshotKey)))
                .addProperty(SEQUENCE, snapshot.sequence())
                .addProperty(LAST_EVENT_ID, snapshot.lastEventId());
        if (snapshot.asOfTime() != null) {
            entity.addProperty(AS_OF_TIME, utc(snapshot.asOfTime()));
        }
        return withData(entity, snapshot.state());
    }

    static StoredSnapshot toSnapshot(TableEntity entity) {
        TableFormat.readable(entity);
        Object asOfTime = entity.getProperty(AS_OF_TIME);
        return new StoredSnapshot(number(entity, SEQUENCE), string(entity, LAST_EVENT_ID),
                asOfTime == null ? null : instant(entity, AS_OF_TIME), data(entity));
    }

    static TableEntity eventId(String partitionKey, EventRecord record, long sequence, String appendId) {
        return new TableEntity(partitionKey, RowKeys.eventId(record.eventId()))
                .addProperty(SEQUENCE, sequence)
                .addProperty(APPEND_ID, appendId)
                .addProperty(DIGEST, digest(record));
    }

    /**
     * The event's content as an id row keeps it: the first {@value #DIGEST_BYTES} bytes of the SHA-256 of its UTF-8
     * name, a zero byte (a name holds none, so name and version cannot run into each other), its schema version as 4
     * bytes big-endian and its JSON exactly as stored, in Base64 without padding.
     */
    static String digest(EventRecord record) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(record.eventName().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(record.schemaVersion()).array());
            sha256.update(record.data());
            return Base64.getEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha256.digest(), DIGEST_BYTES));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }

    static TableEntity newHead(String partitionKey, StreamType type, long version, Instant createdAt) {
        return TableFormat.stamped(new TableEntity(partitionKey, RowKeys.HEAD))
                .addProperty(VERSION, version)
                .addProperty(PENDING, true)
                .addProperty(CREATED_AT, utc(createdAt))
                .addProperty(DOMAIN, type.domain())
                .addProperty(ENTITY_TYPE, type.entityType());
    }

    /**
     * The properties an append merges into an existing header; others (e.g. the notifier's) stay as they are. The
     * format version goes along, since the append writes its rows in this code's format.
     */
    static TableEntity headUpdate(String partitionKey, long version) {
        return TableFormat.stamped(new TableEntity(partitionKey, RowKeys.HEAD))
                .addProperty(VERSION, version)
                .addProperty(PENDING, true);
    }

    static StoredEvent toStoredEvent(TableEntity entity) {
        TableFormat.readable(entity);
        WriteContext context = new WriteContext(string(entity, WHO), string(entity, SOURCE), string(entity, COMMENTARY),
                string(entity, CORRELATION_ID), string(entity, CAUSATION_ID), string(entity, TRACE_PARENT),
                string(entity, REQUEST_FINGERPRINT));
        return new StoredEvent(RowKeys.sequenceOf(entity.getRowKey()), string(entity, EVENT_ID), string(entity, NAME),
                (int) number(entity, SCHEMA_VERSION), instant(entity, WRITTEN_AT), context, data(entity));
    }

    static long number(TableEntity entity, String property) {
        Object value = entity.getProperty(property);
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text) {
            return Long.parseLong(text);
        }
        throw new IllegalStateException("Row " + entity.getRowKey() + " has no number '" + property + "' (found "
                + value + ")");
    }

    static String string(TableEntity entity, String property) {
        Object value = entity.getProperty(property);
        return value == null ? null : value.toString();
    }

    static Instant instant(TableEntity entity, String property) {
        Object value = entity.getProperty(property);
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof String text) {
            return OffsetDateTime.parse(text).toInstant();
        }
        throw new IllegalStateException("Row " + entity.getRowKey() + " has no date-time '" + property + "' (found "
                + value + ")");
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static byte[] data(TableEntity entity) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        for (int chunk = 0; ; chunk++) {
            Object value = entity.getProperty(dataProperty(chunk));
            if (!(value instanceof byte[] bytes)) {
                return json.toByteArray();
            }
            json.writeBytes(bytes);
        }
    }

    /** Adds the JSON as {@code Data}, {@code Data1}, ... of at most {@value #DATA_CHUNK_BYTES} bytes each. */
    private static TableEntity withData(TableEntity entity, byte[] data) {
        int chunk = 0;
        do {
            int from = chunk * DATA_CHUNK_BYTES;
            entity.addProperty(dataProperty(chunk),
                    Arrays.copyOfRange(data, from, Math.min(data.length, from + DATA_CHUNK_BYTES)));
            chunk++;
        } while (chunk * DATA_CHUNK_BYTES < data.length);
        return entity;
    }

    private static String dataProperty(int chunk) {
        return chunk == 0 ? DATA : DATA + chunk;
    }

    private static void addIfPresent(TableEntity entity, String property, String value) {
        if (value != null) {
            entity.addProperty(property, value);
        }
    }
}
