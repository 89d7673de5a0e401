package io.github.eventsourcing.azure.blob.internal;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import io.github.eventsourcing.azure.spi.PendingChanges;
import io.github.eventsourcing.azure.spi.PublishedMarkContendedException;
import io.github.eventsourcing.azure.stream.EventStoreException;

/**
 * Marking for {@link BlobChangeFeed}: deletes published tombstones and moves a stream's marker forward. The marker is
 * written conditionally (If-Match its ETag, or If-None-Match * when there is none), so two dispatchers cannot move it
 * backwards, and a mark computed for an earlier incarnation is never applied to a re-created stream. A deleted
 * stream's marker is removed with its tombstone.
 */
final class PublishedMarking {

    private final StreamContainers containers;

    PublishedMarking(StreamContainers containers) {
        this.containers = containers;
    }

    /** Records that the stream was published up to {@code publishedVersion}, and removes its published tombstones. */
    void markPublished(PendingChanges changes, long publishedVersion) {
        BlobContainerClient container = containers.clientFor(changes.streamId().type());
        String encodedKey = BlobNames.encodeKey(changes.streamId().instanceKey());
        for (PendingChanges.Deletion deletion : changes.deletions()) {
            delete(container, BlobNames.tombstone(encodedKey, deletion.deletionId()), null);
        }
        PendingChangesReader.Checkpoint read = (PendingChangesReader.Checkpoint) changes.checkpoint();
        if (changes.current() == null) {
            if (read.marker() != null) {
                // The stream is gone: its marker has nothing left to record (a re-created stream writes its own).
                delete(container, PublishedMarker.blobName(encodedKey), read.marker().eTag());
            }
            return;
        }
        long version = changes.current().version();
        long mark = Math.min(version, Math.max(publishedVersion, read.publishedVersion()));
        boolean caughtUp = read.caughtUp() && mark >= version;
        PublishedMarker desired = new PublishedMarker(null, read.incarnation(), mark, caughtUp ? read.activeSegment() : null,
                caughtUp ? read.activeETag() : null);
        PublishedMarker existing = read.marker();
        for (int attempt = 1; ; attempt++) {
            if (existing != null && existing.records(desired)) {
                return; // recorded as far already
            }
            if (existing != null && !existing.incarnation().equals(desired.incarnation())
                    && !PendingChangesReader.sameIncarnation(new StreamBlobs(container, encodedKey), desired.incarnation())) {
                return; // the stream was re-created since it was read: this mark is not the new incarnation's
            }
            if (write(container, encodedKey, desired, existing)) {
                return;
            }
            if (attempt == BlobChangeFeed.MAX_ATTEMPTS) {
                throw new PublishedMarkContendedException(changes.streamId(), BlobChangeFeed.MAX_ATTEMPTS);
            }
            existing = PublishedMarker.read(container, encodedKey);
        }
    }

    /** Writes the marker if it is still as read (or still absent); false when someone else wrote it first. */
    private static boolean write(BlobContainerClient container, String encodedKey, PublishedMarker marker,
                                 PublishedMarker existing) {
        BlobRequestConditions conditions = existing == null ? new BlobRequestConditions().setIfNoneMatch("*")
                : new BlobRequestConditions().setIfMatch(existing.eTag());
        try {
            container.getBlobClient(PublishedMarker.blobName(encodedKey)).getBlockBlobClient().uploadWithResponse(
                    new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(new byte[0])).setMetadata(marker.toMap())
                            .setRequestConditions(conditions), null, Context.NONE);
            return true;
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 412 || e.getStatusCode() == 409) {
                return false;
            }
            throw StorageFailures.unavailable("record how far a stream was published",
                    container.getBlobContainerName(), e, false);
        } catch (RuntimeException e) {
            throw StorageFailures.unavailable("record how far a stream was published",
                    container.getBlobContainerName(), e, false);
        }
    }

    private static void delete(BlobContainerClient container, String name, String eTag) {
        try {
            container.getBlobClient(name).deleteWithResponse(null,
                    eTag == null ? null : new BlobRequestConditions().setIfMatch(eTag), null, Context.NONE);
        } catch (BlobStorageException e) {
            if (!StorageFailures.isMissing(e) && e.getStatusCode() != 412) {
                throw StorageFailures.unavailable("remove a published notification's record",
                        container.getBlobContainerName(), e, false);
            }
        } catch (RuntimeException e) {
            throw StorageFailures.unavailable("remove a published notification's record",
                    container.getBlobContainerName(), e, false);
        }
    }
}
