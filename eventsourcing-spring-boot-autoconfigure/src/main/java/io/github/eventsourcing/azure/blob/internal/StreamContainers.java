package io.github.eventsourcing.azure.blob.internal;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobStorageException;
import io.github.eventsourcing.azure.stream.StreamId;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The container of each domain/entity. Containers are created lazily by the first write of a type in this process,
 * which also checks, once, that an existing container belongs to the type (its metadata names it): so even a
 * collision of the hash in container names between processes that each know only one of the types is refused
 * instead of mixing their streams. Reads never create a container: a missing one holds no streams.
 */
final class StreamContainers {

    private static final String DOMAIN_KEY = "domain";
    private static final String ENTITY_KEY = "entitytype";

    private final BlobServiceClient service;
    private final ContainerNames names;
    private final Map<StreamId.StreamType, BlobContainerClient> clients = new ConcurrentHashMap<>();
    private final Set<StreamId.StreamType> ready = ConcurrentHashMap.newKeySet();

    StreamContainers(BlobServiceClient service, ContainerNames names) {
        this.service = service;
        this.names = names;
    }

    String nameFor(StreamId.StreamType type) {
        return names.containerFor(type);
    }

    BlobContainerClient clientFor(StreamId.StreamType type) {
        return clients.computeIfAbsent(type, key -> service.getBlobContainerClient(nameFor(key)));
    }

    /** Makes sure the type's container exists and is the type's own; one request per type and process. */
    void ensureReady(StreamId.StreamType type) {
        if (ready.contains(type)) {
            return;
        }
        BlobContainerClient container = clientFor(type);
        Map<String, String> metadata = properties(container, type);
        if (metadata == null) {
            if (create(container, type)) {
                ready.add(type);
                return;
            }
            metadata = properties(container, type);
            if (metadata == null) {
                throw new IllegalStateException("Container '" + container.getBlobContainerName()
                        + "' vanished right after another writer created it");
            }
        }
        String domain = metadata.get(DOMAIN_KEY);
        String entity = metadata.get(ENTITY_KEY);
        if (domain != null && entity != null && !(domain.equals(type.domain()) && entity.equals(type.entityType()))) {
            throw ContainerNames.collision(container.getBlobContainerName(), new StreamId.StreamType(domain, entity),
                    type);
        }
        ready.add(type);
    }

    /** Forgets that the container exists, after a write found it missing (deleted from outside). */
    void forget(StreamId.StreamType type) {
        ready.remove(type);
    }

    /** The container's metadata, or null when it does not exist. */
    private Map<String, String> properties(BlobContainerClient container, StreamId.StreamType type) {
        try {
            return container.getPropertiesWithResponse(null, null, Context.NONE).getValue().getMetadata();
        } catch (BlobStorageException e) {
            if (StorageFailures.isMissing(e)) {
                return null;
            }
            throw StorageFailures.unavailable("check the container of " + type, container.getBlobContainerName(), e,
                    false);
        } catch (RuntimeException e) {
            throw StorageFailures.unavailable("check the container of " + type, container.getBlobContainerName(), e,
                    false);
        }
    }

    /** True when this call created the container, false when another writer did meanwhile. */
    private boolean create(BlobContainerClient container, StreamId.StreamType type) {
        try {
            container.createWithResponse(Map.of(DOMAIN_KEY, type.domain(), ENTITY_KEY, type.entityType()), null, null,
                    Context.NONE);
            return true;
        } catch (BlobStorageException e) {
            if (e.getStatusCode() != 409 || "ContainerBeingDeleted".equals(String.valueOf(e.getErrorCode()))) {
                throw StorageFailures.unavailable("create the container of " + type, container.getBlobContainerName(),
                        e, false);
            }
            return false;
        } catch (RuntimeException e) {
            throw StorageFailures.unavailable("create the container of " + type, container.getBlobContainerName(), e,
                    false);
        }
    }
}
