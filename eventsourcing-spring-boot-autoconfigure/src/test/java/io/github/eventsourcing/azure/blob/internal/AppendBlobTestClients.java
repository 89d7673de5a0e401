package io.github.eventsourcing.azure.blob.internal;

import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.EventStoreLimits;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.internal.AppendOutcomeCheck;
import io.github.eventsourcing.azure.stream.internal.DefaultEventStreams;
import io.github.eventsourcing.azure.stream.internal.EventSerializer;
import io.github.eventsourcing.azure.stream.internal.EventTypeRegistry;
import io.github.eventsourcing.azure.stream.internal.NewStreamKeys;
import io.github.eventsourcing.azure.stream.internal.StorageObjectMapper;
import io.github.eventsourcing.azure.stream.internal.StreamVersions;
import io.github.eventsourcing.azure.test.Azurite;
import io.github.eventsourcing.azure.test.contract.ContractEvents;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

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

    /** The public API on top of a store, with the contract suite's event types. */
    static EventStreams streamsOn(EventStore store) {
        return streamsOn(store, AppendOutcomeCheck.DEFAULT_TIMEOUT);
    }

    /** Streams whose appends of unknown outcome are looked for during {@code outcomeCheckTimeout}. */
    static EventStreams streamsOn(EventStore store, Duration outcomeCheckTimeout) {
        EventTypeRegistry types = new EventTypeRegistry(
                List.of(ContractEvents.ThingHappened.class, ContractEvents.BlobAttached.class), List.of());
        return new DefaultEventStreams(EventStoreRouter.single(store),
                new EventSerializer(StorageObjectMapper.create(), types), EventStoreLimits.DEFAULT, Clock.systemUTC(),
                List.of(), NewStreamKeys.STRICT,
                new StreamVersions(StreamVersions.DEFAULT_SIZE), new AppendOutcomeCheck(outcomeCheckTimeout));
    }

    /** A domain no other test uses, so each test has containers of its own. */
    static String uniqueDomain() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
