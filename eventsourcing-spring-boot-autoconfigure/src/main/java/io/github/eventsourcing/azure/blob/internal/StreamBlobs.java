package io.github.eventsourcing.azure.blob.internal;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.rest.Response;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.AppendBlobItem;
import com.azure.storage.blob.models.AppendBlobRequestConditions;
import com.azure.storage.blob.models.BlobDownloadHeaders;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.AppendBlobCreateOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.specialized.AppendBlobClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The storage operations on the blobs of one stream, each one request (or two where noted), each answering with
 * what the backend needs to decide instead of throwing for expected outcomes: a failed condition, a missing blob, an
 * existing blob. Anything else becomes a {@link io.github.eventsourcing.azure.stream.BackendUnavailableException}.
 */
final class StreamBlobs {

    private static final String IF_NONE_MATCH_ANY = "*";

    private final BlobContainerClient container;
    private final String encodedKey;

    StreamBlobs(BlobContainerClient container, String encodedKey) {
        this.container = container;
        this.encodedKey = encodedKey;
    }

    String containerName() {
        return container.getBlobContainerName();
    }

    BlobContainerClient container() {
        return container;
    }

    String encodedKey() {
        return encodedKey;
    }

    /** What one response said about a segment at one moment. */
    record SegmentFacts(int index, String eTag, long length, int blockCount, SegmentMetadata metadata) {
    }

    /**
     * Bytes of a segment from an offset (empty at its end), with the facts at the moment they were read.
     *
     * @param bytes  holds the bytes read in {@code [0, length)}; it may be longer (the download's own buffer, handed
     *               over without copying it to an array of the exact size)
     */
    record Chunk(long offset, byte[] bytes, int length, SegmentFacts facts) {
        long end() {
            return offset + length;
        }
    }

    /** Collects a download and hands over its buffer as it is, without the copy {@link #toByteArray()} makes. */
    private static final class DownloadBuffer extends ByteArrayOutputStream {

        DownloadBuffer(int size) {
            super(size);
        }

        byte[] buffer() {
            return buf;
        }
    }

    /**
     * Up to {@code maxBytes} of a segment from {@code offset}: one ranged Get Blob, whose headers also bring the
     * segment's ETag, length, block count and metadata. A range that starts exactly at the end is answered 206 with no
     * body by Azurite and 416 by Azure; on 416 this asks for the properties instead (a second request), so both come
     * back as an empty chunk.
     *
     * @return empty when the segment (or its container) does not exist
     */
    Optional<Chunk> download(int index, long offset, int maxBytes) {
        BlobClient blob = segment(index);
        while (true) {
            DownloadBuffer out = new DownloadBuffer(Math.min(maxBytes, 64 * 1024));
            BlobDownloadHeaders headers;
            try {
                headers = blob.downloadStreamWithResponse(out, new BlobRange(offset, (long) maxBytes), null, null,
                        false, null, Context.NONE).getDeserializedHeaders();
            } catch (BlobStorageException e) {
                if (StorageFailures.isMissing(e)) {
                    return Optional.empty();
                }
                if (!StorageFailures.is(e, BlobErrorCode.INVALID_RANGE) && e.getStatusCode() != 416) {
                    throw StorageFailures.unavailable("read a stream", containerName(), e, false);
                }
                Optional<SegmentFacts> facts = properties(index);
                if (facts.isEmpty()) {
                    return Optional.empty();
                }
                if (facts.get().length() <= offset) {
                    return Optional.of(new Chunk(offset, new byte[0], 0, facts.get()));
                }
                continue; // it grew between the two requests: read what is there now
            } catch (RuntimeException e) {
                throw StorageFailures.unavailable("read a stream", containerName(), e, false);
            }
            long length = totalLength(headers.getContentRange(), offset + out.size());
            int blocks = headers.getBlobCommittedBlockCount() == null ? -1 : headers.getBlobCommittedBlockCount();
            return Optional.of(new Chunk(offset, out.buffer(), out.size(),
                    new SegmentFacts(index, headers.getETag(), length, blocks, metadataOf(headers.getMetadata()))));
        }
    }

    /** The segment's facts without its content (Get Blob Properties). */
    Optional<SegmentFacts> properties(int index) {
        BlobProperties properties;
        try {
            properties = segment(index).getProperties();
        } catch (BlobStorageException e) {
            if (StorageFailures.isMissing(e)) {
                return Optional.empty();
            }
            throw StorageFailures.unavailable("read a stream", containerName(), e, false);
        } catch (RuntimeException e) {
            throw StorageFailures.unavailable("read a stream", containerName(), e, false);
        }
        int blocks = properties.getCommittedBlockCount() == null ? -1 : properties.getCommittedBlockCount();
        return Optional.of(new SegmentFacts(index, properties.getETag(), properties.getBlobSize(), blocks,
                metadataOf(properties.getMetadata())));
    }

    enum CreateStatus { CREATED, ALREADY_EXISTS, CONTAINER_MISSING }

    record Created(CreateStatus status, SegmentFacts facts) {
    }

    /**
     * Creates an empty segment with its metadata, only if no blob has its name (If-None-Match *): of several writers
     * creating the same segment exactly one succeeds.
     */
    Created createSegment(int index, SegmentMetadata metadata) {
        try {
            AppendBlobItem item = appendBlob(index).createWithResponse(new AppendBlobCreateOptions()
                    .setMetadata(metadata.toMap())
                    .setRequestConditions(new BlobRequestConditions().setIfNoneMatch(IF_NONE_MATCH_ANY)), null,
                    Context.NONE).getValue();
            return new Created(CreateStatus.CREATED, new SegmentFacts(index, item.getETag(), 0, 0, metadata));
        } catch (BlobStorageException e) {
            if (StorageFailures.is(e, BlobErrorCode.BLOB_ALREADY_EXISTS) || e.getStatusCode() == 409) {
                return new Created(CreateStatus.ALREADY_EXISTS, null);
            }
            if (StorageFailures.isMissing(e)) {
                return new Created(CreateStatus.CONTAINER_MISSING, null);
            }
            throw StorageFailures.unavailable("create a stream segment", containerName(), e, false);
        } catch (RuntimeException e) {
            throw StorageFailures.unavailable("create a stream segment", containerName(), e, false);
        }
    }

    enum AppendStatus { APPENDED, CONDITION_FAILED, SEGMENT_FULL, MISSING }

    /**
     * @param eTag        of the segment after the appended block
     * @param blockCount  committed blocks after the append
     * @param blockOffset where the block landed
     */
    record Appended(AppendStatus status, String eTag, int blockCount, long blockOffset) {
    }

    /**
     * Appends one block, only if the segment is still exactly as known: its ETag (which every append and metadata
     * change replaces) and, to say the same thing in the service's own terms, the append position.
     */
    Appended appendBlock(int index, byte[] block, String eTag, long position) {
        try {
            AppendBlobItem item = appendBlob(index).appendBlockWithResponse(new ByteArrayInputStream(block),
                    block.length, md5(block), new AppendBlobRequestConditions().setIfMatch(eTag)
                            .setAppendPosition(position), null, Context.NONE).getValue();
            int blocks = item.getBlobCommittedBlockCount() == null ? -1 : item.getBlobCommittedBlockCount();
            return new Appended(AppendStatus.APPENDED, item.getETag(), blocks, Long.parseLong(item.getBlobAppendOffset()));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 412) {
                return new Appended(AppendStatus.CONDITION_FAILED, null, -1, -1);
            }
            if (StorageFailures.is(e, BlobErrorCode.BLOCK_COUNT_EXCEEDS_LIMIT)) {
                return new Appended(AppendStatus.SEGMENT_FULL, null, -1, -1);
            }
            if (StorageFailures.isMissing(e)) {
                return new Appended(AppendStatus.MISSING, null, -1, -1);
            }
            throw StorageFailures.unavailable("append to a stream", containerName(), e, true);
        } catch (RuntimeException e) {
            throw StorageFailures.unavailable("append to a stream", containerName(), e, true);
        }
    }

    /** Replaces the segment's metadata if its ETag is still the known one; the new ETag, or empty when it was not. */
    Optional<String> setMetadata(int index, SegmentMetadata metadata, String eTag) {
        try {
            Response<Void> response = segment(index).setMetadataWithResponse(metadata.toMap(),
                    new BlobRequestConditions().setIfMatch(eTag), null, Context.NONE);
            return Optional.of(response.getHeaders().getValue(HttpHeaderName.ETAG));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 412 || StorageFailures.isMissing(e)) {
                return Optional.empty();
            }
            throw StorageFailures.unavailable("mark a stream deleted", containerName(), e, true);
        } catch (RuntimeException e) {
            throw StorageFailures.unavailable("mark a stream deleted", containerName(), e, true);
        }
    }

    /**
     * Deletes the segment if its ETag is still the given one.
     *
     * @return true when it is gone (also when it already was), false when it changed and was left alone
     */
    boolean deleteSegment(int index, String eTag) {
        try {
            segment(index).deleteWithResponse(DeleteSnapshotsOptionType.INCLUDE,
                    new BlobRequestConditions().setIfMatch(eTag), null, Context.NONE);
            return true;
        } catch (BlobStorageException e) {
            if (StorageFailures.isMissing(e)) {
                return true;
            }
            if (e.getStatusCode() == 412) {
                return false;
            }
            throw StorageFailures.unavailable("remove a deleted stream", containerName(), e, true);
        } catch (RuntimeException e) {
            throw StorageFailures.unavailable("remove a deleted stream", containerName(), e, true);
        }
    }

    /** Every segment of the stream with its metadata, in index order (one List Blobs request per 5,000). */
    List<SegmentFacts> listSegments() {
        List<BlobItem> items = new ArrayList<>();
        try {
            container.listBlobs(new ListBlobsOptions().setPrefix(BlobNames.segmentPrefix(encodedKey))
                    .setDetails(new BlobListDetails().setRetrieveMetadata(true)), null).forEach(items::add);
        } catch (BlobStorageException e) {
            if (StorageFailures.isMissing(e)) {
                return List.of();
            }
            throw StorageFailures.unavailable("list a stream's segments", containerName(), e, false);
        } catch (RuntimeException e) {
            throw StorageFailures.unavailable("list a stream's segments", containerName(), e, false);
        }
        List<SegmentFacts> segments = new ArrayList<>();
        for (BlobItem item : items) {
            Optional<BlobNames.SegmentName> name = BlobNames.parseSegment(item.getName());
            Optional<SegmentMetadata> metadata = SegmentMetadata.from(item.getMetadata());
            if (name.isPresent() && name.get().encodedKey().equals(encodedKey) && metadata.isPresent()) {
                segments.add(new SegmentFacts(name.get().index(), item.getProperties().getETag(),
                        item.getProperties().getContentLength(), -1, metadata.get()));
            }
        }
        segments.sort(Comparator.comparingInt(SegmentFacts::index));
        return segments;
    }

    /**
     * The segments of the stream's current life, in index order: segment 0 and the others of its incarnation. A
     * segment of another incarnation is an orphan, created by a writer of an earlier life after that life was
     * deleted, which crashed before removing it again: no part of the stream, whatever first sequence its metadata
     * claims. Empty when there is no segment 0 (no stream, or nothing but an orphan).
     */
    List<SegmentFacts> listCurrentLife() {
        List<SegmentFacts> segments = listSegments();
        if (segments.isEmpty() || segments.get(0).index() != 0) {
            return List.of();
        }
        String incarnation = segments.get(0).metadata().incarnation();
        return segments.stream().filter(segment -> segment.metadata().incarnation().equals(incarnation)).toList();
    }

    /** Writes the tombstone of a deleted stream once: a second write of the same tombstone is a no-op. */
    void writeTombstone(String incarnation, byte[] content) {
        try {
            container.getBlobClient(BlobNames.tombstone(encodedKey, incarnation)).getBlockBlobClient()
                    .uploadWithResponse(new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(content))
                            .setRequestConditions(new BlobRequestConditions().setIfNoneMatch(IF_NONE_MATCH_ANY)),
                            null, Context.NONE);
        } catch (BlobStorageException e) {
            if (!StorageFailures.is(e, BlobErrorCode.BLOB_ALREADY_EXISTS) && e.getStatusCode() != 409) {
                throw StorageFailures.unavailable("record a stream's deletion", containerName(), e, true);
            }
        } catch (RuntimeException e) {
            throw StorageFailures.unavailable("record a stream's deletion", containerName(), e, true);
        }
    }

    private BlobClient segment(int index) {
        return clients(index).blob();
    }

    private AppendBlobClient appendBlob(int index) {
        return clients(index).appendBlob();
    }

    /** The clients of one segment; building them (names, URLs, pipelines) costs more than the rest of an append. */
    private record SegmentClients(int index, BlobClient blob, AppendBlobClient appendBlob) {
    }

    /** The clients of the segment used last, kept: appends and reads keep using the active segment. */
    private volatile SegmentClients recent;

    private SegmentClients clients(int index) {
        SegmentClients clients = recent;
        if (clients == null || clients.index() != index) {
            BlobClient blob = container.getBlobClient(BlobNames.segment(encodedKey, index));
            clients = new SegmentClients(index, blob, blob.getAppendBlobClient());
            recent = clients;
        }
        return clients;
    }

    private static SegmentMetadata metadataOf(Map<String, String> raw) {
        return SegmentMetadata.from(raw).orElseThrow(() -> new IllegalStateException(
                "A blob at an event stream's name lacks the stream metadata; was it written by something else?"));
    }

    /** The total length from a {@code Content-Range: bytes a-b/total} header. */
    static long totalLength(String contentRange, long fallback) {
        if (contentRange != null) {
            int slash = contentRange.lastIndexOf('/');
            if (slash >= 0 && slash + 1 < contentRange.length() && contentRange.charAt(slash + 1) != '*') {
                return Long.parseLong(contentRange.substring(slash + 1).trim());
            }
        }
        return fallback;
    }

    private static byte[] md5(byte[] block) {
        try {
            // Lets the service reject a block damaged in transit instead of storing it.
            return MessageDigest.getInstance("MD5").digest(block);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }
}
