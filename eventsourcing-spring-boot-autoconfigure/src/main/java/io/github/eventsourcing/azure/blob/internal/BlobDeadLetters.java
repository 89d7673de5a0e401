package io.github.eventsourcing.azure.blob.internal;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventsourcing.azure.deadletter.internal.DeadLetterFields;
import io.github.eventsourcing.azure.spi.DeadLetter;
import io.github.eventsourcing.azure.spi.DeadLetterStore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Dead letters as small JSON blobs in a container of their own, {@code <prefix>deadletters}, named by id. Created at
 * the first dead letter; until then listing finds none. Its name does not start with {@code <prefix>-}, so polling for
 * pending streams and the health check leave it out.
 */
final class BlobDeadLetters implements DeadLetterStore {

    static final String CONTAINER_SUFFIX = "deadletters";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
    };

    private final BlobContainerClient container;

    BlobDeadLetters(BlobServiceClient service, String containerPrefix) {
        this.container = service.getBlobContainerClient(containerPrefix + CONTAINER_SUFFIX);
    }

    @Override
    public void save(DeadLetter deadLetter) {
        BinaryData body;
        try {
            body = BinaryData.fromString(JSON.writeValueAsString(DeadLetterFields.of(deadLetter)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A map of strings is always JSON", e);
        }
        try {
            blob(deadLetter.id()).upload(body, true);
        } catch (BlobStorageException e) {
            if (!StorageFailures.isMissing(e)) {
                throw StorageFailures.unavailable("save dead letter " + deadLetter.id(),
                        container.getBlobContainerName(), e, true);
            }
            container.createIfNotExists();
            blob(deadLetter.id()).upload(body, true);
        }
    }

    @Override
    public List<DeadLetter> list() {
        List<DeadLetter> letters = new ArrayList<>();
        try {
            for (BlobItem item : container.listBlobs()) {
                find(item.getName()).ifPresent(letters::add);
            }
        } catch (BlobStorageException e) {
            if (!StorageFailures.isMissing(e)) {
                throw StorageFailures.unavailable("list the dead letters", container.getBlobContainerName(), e, false);
            }
        }
        return letters.stream().sorted(DeadLetterFields.OLDEST_FIRST).toList();
    }

    @Override
    public Optional<DeadLetter> find(String id) {
        if (!DeadLetter.isValidId(id)) {
            return Optional.empty();
        }
        try {
            return Optional.of(DeadLetterFields.toDeadLetter(JSON.readValue(blob(id).downloadContent().toBytes(),
                    FIELDS)));
        } catch (BlobStorageException e) {
            if (StorageFailures.isMissing(e)) {
                return Optional.empty();
            }
            throw StorageFailures.unavailable("read dead letter " + id, container.getBlobContainerName(), e, false);
        } catch (IOException e) {
            throw new IllegalStateException("Dead letter " + id + " is not the JSON this library writes", e);
        }
    }

    @Override
    public boolean remove(String id) {
        if (!DeadLetter.isValidId(id)) {
            return false;
        }
        try {
            return blob(id).deleteIfExists();
        } catch (BlobStorageException e) {
            if (StorageFailures.isMissing(e)) {
                return false;
            }
            throw StorageFailures.unavailable("remove dead letter " + id, container.getBlobContainerName(), e, true);
        }
    }

    private BlobClient blob(String id) {
        return container.getBlobClient(id);
    }
}
