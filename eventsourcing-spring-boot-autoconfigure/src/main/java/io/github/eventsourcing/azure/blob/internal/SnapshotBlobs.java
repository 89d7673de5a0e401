package io.github.eventsourcing.azure.blob.internal;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.eventsourcing.azure.spi.SnapshotStore.StoredSnapshot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The projection snapshots of one stream, the {@code snapshots/} blobs of the
 * {@linkplain io.github.eventsourcing.azure.blob layout}. Each operation is one request (removing them all: one
 * listing, then one request per snapshot).
 */
final class SnapshotBlobs {

    static final String FORMAT = "snapshot-1";
    /** Azure's limit for a blob name. */
    static final int MAX_NAME_LENGTH = 1024;

    private static final JsonFactory JSON = new JsonFactory();

    private final BlobContainerClient container;
    private final String encodedKey;

    SnapshotBlobs(BlobContainerClient container, String encodedKey) {
        this.container = container;
        this.encodedKey = encodedKey;
    }

    /** The blob name of a snapshot key, or empty when it does not fit Azure's name limit (it is never saved then). */
    Optional<String> nameOf(String snapshotKey) {
        String name = BlobNames.snapshot(encodedKey, BlobNames.encodeName(snapshotKey));
        return name.length() <= MAX_NAME_LENGTH ? Optional.of(name) : Optional.empty();
    }

    /** The saved snapshot, if any: one Get Blob. */
    Optional<StoredSnapshot> load(String snapshotKey) {
        Optional<String> name = nameOf(snapshotKey);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        byte[] content;
        try {
            content = container.getBlobClient(name.get()).downloadContentWithResponse(null, null, null, Context.NONE)
                    .getValue().toBytes();
        } catch (BlobStorageException e) {
            if (StorageFailures.isMissing(e)) {
                return Optional.empty();
            }
            throw StorageFailures.unavailable("read a projection snapshot", container.getBlobContainerName(), e, false);
        } catch (RuntimeException e) {
            throw StorageFailures.unavailable("read a projection snapshot", container.getBlobContainerName(), e, false);
        }
        return Optional.of(decode(content));
    }

    /** Writes (replaces) the snapshot: one Put Blob. */
    void save(String name, StoredSnapshot snapshot) {
        try {
            container.getBlobClient(name).getBlockBlobClient().uploadWithResponse(
                    new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(encode(snapshot))), null, Context.NONE);
        } catch (RuntimeException e) {
            throw StorageFailures.unavailable("save a projection snapshot", container.getBlobContainerName(), e, true);
        }
    }

    /** Removes every snapshot of the stream: one List Blobs, then one Delete Blob each. */
    void deleteAll() {
        List<String> names = new ArrayList<>();
        try {
            for (BlobItem item : container.listBlobs(new ListBlobsOptions()
                    .setPrefix(BlobNames.snapshotPrefix(encodedKey)), null)) {
                names.add(item.getName());
            }
            for (String name : names) {
                container.getBlobClient(name).deleteIfExistsWithResponse(DeleteSnapshotsOptionType.INCLUDE, null, null,
                        Context.NONE);
            }
        } catch (BlobStorageException e) {
            if (!StorageFailures.isMissing(e)) {
                throw StorageFailures.unavailable("remove a deleted stream's snapshots", container.getBlobContainerName(),
                        e, true);
            }
        } catch (RuntimeException e) {
            throw StorageFailures.unavailable("remove a deleted stream's snapshots", container.getBlobContainerName(),
                    e, true);
        }
    }

    static byte[] encode(StoredSnapshot snapshot) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(snapshot.state().length + 160);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("format", FORMAT);
            json.writeNumberField("sequence", snapshot.sequence());
            json.writeStringField("lastEventId", snapshot.lastEventId());
            if (snapshot.asOfTime() != null) {
                json.writeStringField("asOfTime", snapshot.asOfTime().toString());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n'); // JSON escapes every line break inside strings: the first one ends the header
        out.writeBytes(snapshot.state());
        return out.toByteArray();
    }

    static StoredSnapshot decode(byte[] content) {
        int newline = 0;
        while (newline < content.length && content[newline] != '\n') {
            newline++;
        }
        if (newline == content.length) {
            throw new IllegalStateException("A projection snapshot blob has no header line");
        }
        long sequence = -1;
        String lastEventId = null;
        Instant asOfTime = null;
        String format = null;
        try (JsonParser json = JSON.createParser(content, 0, newline)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("A projection snapshot blob's header is not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                switch (field) {
                    case "format" -> format = json.getText();
                    case "sequence" -> sequence = json.getLongValue();
                    case "lastEventId" -> lastEventId = json.getText();
                    case "asOfTime" -> asOfTime = Instant.parse(json.getText());
                    default -> json.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("A projection snapshot blob's header is not JSON: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(format) || sequence < 1 || lastEventId == null) {
            throw new IllegalStateException("A projection snapshot blob is not in format " + FORMAT);
        }
        return new StoredSnapshot(sequence, lastEventId, asOfTime,
                Arrays.copyOfRange(content, newline + 1, content.length));
    }
}
