package io.github.eventsourcing.azure.benchmark;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.AppendBlobItem;
import com.azure.storage.blob.options.AppendBlobCreateOptions;
import com.azure.storage.blob.specialized.AppendBlobClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.PendingChanges;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.StreamId;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Streams of one event whose notification went out, written straight through the SDK in the layout the library
 * leaves behind after such an append and its publication: the set-up of {@link ChangeFindingCost}, where the stored
 * streams only count as what a sweep must go through. Through the library each stream takes its append, a read of
 * what is pending and a write of the published mark; written directly it takes one request on Table (its three rows
 * share a partition, so one transaction) and three on AppendBlob (create the segment with its metadata, append the
 * block, write the published marker). {@link #requirePublished} reads a stream back through the library, so a layout
 * that drifted from the library's fails the set-up instead of being measured. Instance keys here are letters, digits
 * and {@code -}, which both backends store unescaped.
 */
final class PublishedStreams {

    /** The raw sides' JSON: a plain Jackson mapper, as an application using the SDK directly would have. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private PublishedStreams() {
    }

    /**
     * One transaction: id row, event row and a header whose notifications are published up to its version.
     *
     * @return the event's id
     */
    static String writeTableStream(TableClient table, StreamId id, Instant at) {
        return writeTableStream(table, id, at, new BenchEvents.MoneyDeposited(id.instanceKey(), 1, "r"));
    }

    /** As {@link #writeTableStream(TableClient, StreamId, Instant)}, the one event being the given deposit. */
    static String writeTableStream(TableClient table, StreamId id, Instant at, BenchEvents.MoneyDeposited deposit) {
        String partitionKey = id.instanceKey();
        String eventId = UUID.randomUUID().toString();
        byte[] json = json(deposit);
        TableEntity head = RawTableRows.newHead(partitionKey, 1, at, id.type().domain())
                .addProperty("EntityType", id.type().entityType())
                .addProperty("Pending", false).addProperty("PublishedVersion", 1L);
        List<TableTransactionAction> rows = List.of(
                RawTableRows.insert(RawTableRows.eventId(partitionKey, eventId, 1, UUID.randomUUID().toString(), json)),
                RawTableRows.insert(RawTableRows.event(partitionKey, 1, eventId, json, at)),
                RawTableRows.insert(head));
        table.submitTransaction(rows);
        return eventId;
    }

    /**
     * The first segment (its metadata set as it is created), its one block, and the marker recording that the
     * segment, as of the ETag the append returned, is published.
     *
     * @return the event's id
     */
    static String writeBlobStream(BlobContainerClient container, StreamId id, Instant at) {
        String key = id.instanceKey();
        String incarnation = RawBlobRecords.commitId();
        AppendBlobClient segment = container.getBlobClient("streams/" + key + "/00000000").getAppendBlobClient();
        segment.createWithResponse(new AppendBlobCreateOptions().setMetadata(Map.of("format", "ndjson-1",
                "incarnation", incarnation, "firstsequence", "1")), null, null);
        String eventId = UUID.randomUUID().toString();
        byte[] json = json(new BenchEvents.MoneyDeposited(key, 1, "r"));
        byte[] block = RawBlobRecords.block(List.of(json), List.of(eventId), 1, at, RawBlobRecords.commitId());
        AppendBlobItem appended = segment.appendBlock(new ByteArrayInputStream(block), block.length);
        container.getBlobClient("published/" + key + "/mark").getBlockBlobClient()
                .uploadWithResponse(new ByteArrayInputStream(new byte[0]), 0, null, Map.of("incarnation", incarnation,
                        "version", "1", "segment", "0", "segmentetag", appended.getETag()), null, null, null, null,
                        null);
        return eventId;
    }

    /** Fails unless the library finds the event by its id at sequence 1, and its feed reads the stream as published. */
    static void requirePublished(EventStore store, StreamId id, String eventId) {
        Optional<StoredEvent> event = store.findEvent(id, eventId);
        PendingChanges changes = store.changeFeed().orElseThrow().read(id, 10);
        if (event.map(found -> found.sequence() != 1 || !BenchEvents.NAME.equals(found.eventName())).orElse(true)
                || changes.current() == null || changes.current().version() != 1 || changes.publishedVersion() != 1
                || !changes.isEmpty()) {
            throw new IllegalStateException("The stored stream " + id + ", written directly, does not read back through "
                    + "the library as one published event: " + event + ", " + changes);
        }
    }

    private static byte[] json(BenchEvents.MoneyDeposited deposit) {
        try {
            return JSON.writeValueAsBytes(deposit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
