package io.github.eventsourcing.azure.table.internal;

import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.HttpClientOptions;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import io.github.eventsourcing.azure.test.Azurite;

import java.time.Duration;

/** Table service clients on this JVM's Azurite, as a test needs them: quick retries, bounded waits, extra policies. */
final class AzuriteTables {

    private AzuriteTables() {
    }

    /**
     * A client of its own (its own connection pool, as another application instance would have) whose pipeline
     * refuses what Azure would refuse and then runs the given policies on every attempt.
     */
    static TableServiceClient client(AzureTableLimitsPolicy limits, HttpPipelinePolicy... policies) {
        TableServiceClientBuilder builder = new TableServiceClientBuilder()
                .connectionString(Azurite.get().connectionString())
                .retryOptions(new RetryOptions(new ExponentialBackoffOptions()
                        .setMaxRetries(3)
                        .setBaseDelay(Duration.ofMillis(5))
                        .setMaxDelay(Duration.ofMillis(50))))
                .clientOptions(new HttpClientOptions()
                        .setConnectTimeout(Duration.ofSeconds(5))
                        .setResponseTimeout(Duration.ofSeconds(30)))
                .addPolicy(limits);
        for (HttpPipelinePolicy policy : policies) {
            builder.addPolicy(policy);
        }
        return builder.buildClient();
    }
}
