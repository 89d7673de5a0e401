package io.github.eventsourcing.azure.blob.internal;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.github.eventsourcing.azure.spi.ChangeIndex;
import io.github.eventsourcing.azure.stream.InvalidStreamKeyException;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.internal.ChangeIndexKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The change index of an {@link AppendBlobEventStore}: the container {@code <prefix>changes}, one empty block blob
 * per stream that changed recently, named {@code <bucket>/<digest>} after the stream's digest
 * ({@link ChangeIndexKeys}), so names spread over the account's partition ranges instead of making one hot. Its
 * metadata names the stream: {@code domain}, {@code entitytype} and {@code instancekey}, each percent-encoded
 * (UTF-8), and {@code format} ({@code changes-1}). A blob is written whole (Put Blob, one request per stream), so
 * writing it twice is harmless.
 *
 * <p>Reading the index is one listing of this container alone (5,000 entries per request): its cost grows with the
 * streams that changed recently, never with the streams stored. The container is created by the first entry and is
 * no stream container (no {@code -} after the prefix), so the full search leaves it out.
 */
final class BlobChangeIndex implements ChangeIndex {

    private static final Logger log = LoggerFactory.getLogger(BlobChangeIndex.class);

    static final String CONTAINER_SUFFIX = "changes";
    private static final String FORMAT = "changes-1";

    private final BlobContainerClient container;

    BlobChangeIndex(BlobServiceClient service, String containerPrefix) {
        this.container = service.getBlobContainerClient(containerPrefix + CONTAINER_SUFFIX);
    }

    static String nameOf(StreamId id) {
        String digest = ChangeIndexKeys.digestOf(id);
        return ChangeIndexKeys.bucketOf(digest) + "/" + digest;
    }

    @Override
    public void add(Collection<StreamId> streams) {
        for (StreamId id : new LinkedHashSet<>(streams)) {
            BlockBlobSimpleUploadOptions entry = new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(new byte[0]))
                    .setMetadata(Map.of("domain", encode(id.domain()), "entitytype", encode(id.entityType()),
                            "instancekey", encode(id.instanceKey()), "format", FORMAT));
            try {
                blob(id).uploadWithResponse(entry, null, Context.NONE);
            } catch (BlobStorageException e) {
                if (!StorageFailures.isMissing(e)) {
                    throw StorageFailures.unavailable("write the change index", container.getBlobContainerName(), e,
                            true);
                }
                container.createIfNotExists();
                blob(id).uploadWithResponse(entry, null, Context.NONE);
            }
        }
    }

    @Override
    public void forEachEntry(Instant writtenBefore, Consumer<StreamId> action) {
        Iterator<BlobItem> entries = PendingStreamSearch.list(container, "", true);
        while (entries.hasNext()) {
            BlobItem entry = entries.next();
            Instant written = entry.getProperties().getLastModified() == null ? null
                    : entry.getProperties().getLastModified().toInstant();
            if (writtenBefore != null && written != null && !written.isBefore(writtenBefore)) {
                continue;
            }
            Map<String, String> metadata = SegmentMetadata.lowerCaseKeys(entry.getMetadata());
            try {
                action.accept(StreamId.of(decode(metadata.get("domain")), decode(metadata.get("entitytype")),
                        decode(metadata.get("instancekey"))));
            } catch (IllegalArgumentException | NullPointerException | InvalidStreamKeyException e) {
                log.warn("Ignoring change index entry {}: it names no stream ({})", entry.getName(), e.getMessage());
            }
        }
    }

    @Override
    public void remove(StreamId stream) {
        try {
            blob(stream).deleteIfExists();
        } catch (BlobStorageException e) {
            if (!StorageFailures.isMissing(e)) {
                throw StorageFailures.unavailable("remove an entry of the change index",
                        container.getBlobContainerName(), e, true);
            }
        }
    }

    private BlockBlobClient blob(StreamId id) {
        return container.getBlobClient(nameOf(id)).getBlockBlobClient();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
