package io.github.eventsourcing.azure.blob.internal;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.ListBlobContainersOptions;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The health probe of the AppendBlob backend: lists at most one of the store's containers, which needs the account
 * to be reachable and to accept the store's credentials (shared key, SAS or a role such as Storage Blob Data Reader),
 * and reads nothing of the streams.
 */
final class BlobHealthCheck {

    private BlobHealthCheck() {
    }

    static Map<String, Object> check(BlobServiceClient service, String containerPrefix, Duration timeout) {
        try {
            // Only the first page is requested: one request of at most one container.
            service.listBlobContainers(new ListBlobContainersOptions().setPrefix(containerPrefix + "-")
                    .setMaxResultsPerPage(1), timeout).iterableByPage().iterator().next();
        } catch (RuntimeException failure) {
            throw StorageFailures.unavailable("list containers to check health", containerPrefix + "-*", failure,
                    false);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("endpoint", service.getAccountUrl());
        details.put("containerPrefix", containerPrefix);
        return details;
    }
}
