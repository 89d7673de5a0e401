package io.github.eventsourcing.azure.benchmark;

import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;

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
 * The rows the Table backend writes (see the {@code table} package documentation), built by hand with the SDK as the
 * raw baselines write them: the same keys and properties, so a raw side does the library's storage work and nothing
 * else.
 */
final class RawTableRows {

    static final String HEAD = "!HEAD";

    /** The Table layout version the library stamps on its header and event rows. */
    private static final int FORMAT_VERSION = 3;

    private RawTableRows() {
    }

    static String eventKey(long sequence) {
        return String.format("E-%010d", sequence);
    }

    static TableEntity event(String partitionKey, long sequence, String eventId, byte[] json, Instant writtenAt) {
        return new TableEntity(partitionKey, eventKey(sequence))
                .addProperty("FormatVersion", FORMAT_VERSION)
                .addProperty("EventId", eventId)
                .addProperty("Name", BenchEvents.NAME)
                .addProperty("SchemaVersion", 1)
                .addProperty("WrittenAt", OffsetDateTime.ofInstant(writtenAt, ZoneOffset.UTC))
                .addProperty("Data", json);
    }

    static TableEntity eventId(String partitionKey, String eventId, long sequence, String appendId, byte[] json) {
        return new TableEntity(partitionKey, "ID-" + eventId)
                .addProperty("Sequence", sequence)
                .addProperty("AppendId", appendId)
                .addProperty("Digest", contentDigest(json));
    }

    /** The digest the library keeps on an id row: name, a zero byte, schema version (1) and JSON, hashed by hand. */
    private static String contentDigest(byte[] json) {
        byte[] name = BenchEvents.NAME.getBytes(StandardCharsets.UTF_8);
        ByteBuffer content = ByteBuffer.allocate(name.length + 1 + 4 + json.length)
                .put(name).put((byte) 0).putInt(1).put(json);
        try {
            byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(content.array());
            return Base64.getEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha256, 24));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static TableEntity newHead(String partitionKey, long version, Instant createdAt) {
        return newHead(partitionKey, version, createdAt, "BenchRaw");
    }

    /** A header naming its stream's domain, as the notification dispatcher's polls of the library's tables need. */
    static TableEntity newHead(String partitionKey, long version, Instant createdAt, String domain) {
        return new TableEntity(partitionKey, HEAD)
                .addProperty("FormatVersion", FORMAT_VERSION)
                .addProperty("Version", version)
                .addProperty("Pending", true)
                .addProperty("CreatedAt", OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC))
                // The library's header names its stream type, for the notification dispatcher's polls.
                .addProperty("Domain", domain)
                .addProperty("EntityType", "Account");
    }

    static TableEntity headUpdate(String partitionKey, long version) {
        return new TableEntity(partitionKey, HEAD)
                .addProperty("FormatVersion", FORMAT_VERSION)
                .addProperty("Version", version)
                .addProperty("Pending", true);
    }

    static TableTransactionAction insert(TableEntity entity) {
        return new TableTransactionAction(TableTransactionActionType.CREATE, entity);
    }

    static TableTransactionAction merge(TableEntity entity) {
        return new TableTransactionAction(TableTransactionActionType.UPDATE_MERGE, entity, false);
    }

    /** An empty merge of an event row: changes nothing, fails when the row is missing. */
    static TableTransactionAction proof(String partitionKey, long sequence) {
        return merge(new TableEntity(partitionKey, eventKey(sequence)));
    }
}
