package io.github.eventsourcing.azure.blob.internal;

import com.azure.core.http.rest.PagedResponse;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.github.eventsourcing.azure.stream.InvalidStreamKeyException;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Lists the instance keys of a container from its segment blobs (List Blobs with metadata, 5,000 per request),
 * holding one page at a time: a key's segments are adjacent in the name order because they share the prefix
 * {@code streams/<key>/}. A key counts when its segment 0 holds data (an empty one is left by a crashed first
 * append) and no segment carries a deletion mark.
 */
final class InstanceKeyListing {

    private final BlobContainerClient container;
    private String encodedKey;
    private boolean hasEvents;
    private boolean deleted;

    private InstanceKeyListing(BlobContainerClient container) {
        this.container = container;
    }

    static void forEachKey(BlobContainerClient container, Consumer<String> action) {
        new InstanceKeyListing(container).run(action);
    }

    private void run(Consumer<String> action) {
        Iterator<PagedResponse<BlobItem>> pages = call(() -> container.listBlobs(new ListBlobsOptions()
                .setPrefix(BlobNames.STREAMS).setDetails(new BlobListDetails().setRetrieveMetadata(true)), null)
                .iterableByPage().iterator());
        while (pages != null && Boolean.TRUE.equals(call(pages::hasNext))) {
            List<BlobItem> page = call(() -> pages.next().getValue());
            if (page == null) {
                return;
            }
            for (BlobItem item : page) {
                accept(item, action);
            }
        }
        emit(action);
    }

    private void accept(BlobItem item, Consumer<String> action) {
        Optional<BlobNames.SegmentName> name = BlobNames.parseSegment(item.getName());
        Optional<SegmentMetadata> metadata = SegmentMetadata.from(item.getMetadata());
        if (name.isEmpty() || metadata.isEmpty()) {
            return; // not ours
        }
        if (!name.get().encodedKey().equals(encodedKey)) {
            emit(action);
            encodedKey = name.get().encodedKey();
            hasEvents = false;
            deleted = false;
        }
        if (name.get().index() == 0) {
            hasEvents = item.getProperties().getContentLength() > 0;
        }
        deleted |= metadata.get().deleted();
    }

    private void emit(Consumer<String> action) {
        if (encodedKey == null || !hasEvents || deleted) {
            return;
        }
        String key;
        try {
            key = BlobNames.decodeKey(encodedKey);
            // Only names this backend writes: a foreign name that decodes to some key would address another blob.
            if (!BlobNames.encodeKey(key).equals(encodedKey)) {
                return;
            }
        } catch (IllegalArgumentException | InvalidStreamKeyException notOurs) {
            return;
        }
        action.accept(key);
    }

    /** Runs one listing request; null when the container does not exist (no streams). */
    private <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (BlobStorageException e) {
            if (StorageFailures.isMissing(e)) {
                return null;
            }
            throw StorageFailures.unavailable("list instance keys", container.getBlobContainerName(), e, false);
        } catch (RuntimeException e) {
            throw StorageFailures.unavailable("list instance keys", container.getBlobContainerName(), e, false);
        }
    }
}
