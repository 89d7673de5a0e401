package io.github.eventsourcing.azure.blob;

import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.github.eventsourcing.azure.testing.Azurite;

import java.time.Duration;

/** Blob clients on this JVM's Azurite, with short retry delays so that failing tests fail fast. */
final class AppendBlobTestClients {

    private AppendBlobTestClients() {
    }

    static BlobServiceClient client(HttpPipelinePolicy... policies) {
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder()
                .connectionString(Azurite.get().connectionString())
                .retryOptions(new RequestRetryOptions(RetryPolicyType.FIXED, 3, Duration.ofSeconds(30),
                        Duration.ofMillis(20), Duration.ofMillis(20), null));
        for (HttpPipelinePolicy policy : policies) {
            builder.addPolicy(policy);
        }
        return builder.buildClient();
    }
}
