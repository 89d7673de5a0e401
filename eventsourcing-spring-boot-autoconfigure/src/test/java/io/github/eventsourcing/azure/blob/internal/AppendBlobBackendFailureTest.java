package io.github.eventsourcing.azure.blob.internal;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.github.eventsourcing.azure.stream.BackendUnavailableException;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.InvalidStreamKeyException;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.test.Azurite;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.client;
import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.streamsOn;
import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.uniqueDomain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
@DisplayName("AppendBlob: failures of the storage service")
class AppendBlobBackendFailureTest {

    private static final RequestRetryOptions ONE_TRY = new RequestRetryOptions(RetryPolicyType.FIXED, 1,
            Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofMillis(10), null);

    private final String domain = uniqueDomain();

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    @DisplayName("an unreachable service is reported as unavailable, naming the operation and container, never the key")
    void unreachable() throws IOException {
        String connectionString = "DefaultEndpointsProtocol=http;AccountName=" + Azurite.ACCOUNT + ";AccountKey="
                + Azurite.KEY + ";BlobEndpoint=http://127.0.0.1:" + closedPort() + "/" + Azurite.ACCOUNT + ";";
        AppendBlobEventStore store = new AppendBlobEventStore(new BlobServiceClientBuilder()
                .connectionString(connectionString).retryOptions(ONE_TRY).buildClient(), "down");
        EventStream stream = streamsOn(store).stream(domain, "Account", "secret-customer-key");
        String container = store.containerNameFor(stream.id().type());

        for (Runnable operation : new Runnable[]{() -> stream.append(new ThingHappened("a", 1)), stream::read,
                stream::version, stream::delete, () -> streamsOn(store).instanceKeys(domain, "Account")}) {
            assertThatThrownBy(operation::run).isInstanceOfSatisfying(BackendUnavailableException.class, e -> {
                assertThat(e.getMessage()).contains("could not be reached").contains(container)
                        .doesNotContain(Azurite.KEY).doesNotContain("secret-customer-key");
                assertThat(e.getCause()).isNotNull();
            });
        }
    }

    @Test
    @DisplayName("refused credentials are reported as unavailable with the service's answer")
    void wrongKey() {
        String wrongKey = java.util.Base64.getEncoder().encodeToString(new byte[64]);
        String connectionString = Azurite.get().connectionString().replace(Azurite.KEY, wrongKey);
        EventStreams streams = streamsOn(new AppendBlobEventStore(new BlobServiceClientBuilder()
                .connectionString(connectionString).retryOptions(ONE_TRY).buildClient(), "refused"));

        assertThatThrownBy(() -> streams.stream(domain, "Account", "k").append(new ThingHappened("a", 1)))
                .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("403")
                .hasMessageNotContaining(wrongKey);
    }

    @Test
    @DisplayName("a container that belongs to another domain/entity is refused, not shared")
    void containerOfAnotherType() {
        AppendBlobEventStore store = new AppendBlobEventStore(client(), "owned");
        StreamId.StreamType type = new StreamId.StreamType(domain, "Account");
        client().getBlobContainerClient(store.containerNameFor(type))
                .createWithResponse(Map.of("domain", domain, "entitytype", "Loan"), null, null, null);

        assertThatThrownBy(() -> streamsOn(store).stream(domain, "Account", "k").append(new ThingHappened("a", 1)))
                .isInstanceOf(InvalidStreamKeyException.class)
                .hasMessageContaining(domain + "/Account").hasMessageContaining(domain + "/Loan");
    }
}
