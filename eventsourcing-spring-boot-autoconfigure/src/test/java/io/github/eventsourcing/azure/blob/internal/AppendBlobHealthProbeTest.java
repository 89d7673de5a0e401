package io.github.eventsourcing.azure.blob.internal;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.github.eventsourcing.azure.stream.BackendUnavailableException;
import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The AppendBlob backend's health probe")
class AppendBlobHealthProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    @DisplayName("answers with the account URL and container prefix when the account is reachable and accepts the key")
    void healthy() {
        AppendBlobEventStore store = store(Azurite.get().connectionString());

        assertThat(store.checkHealth(TIMEOUT))
                .containsEntry("endpoint", Azurite.get().blobEndpoint())
                .containsEntry("containerPrefix", "es");
    }

    @Test
    @DisplayName("fails as unavailable, naming the refusal but not the key, when the account refuses the key")
    void wrongKey() {
        String wrongKey = "AAAA" + Azurite.KEY.substring(4);
        AppendBlobEventStore store = store(Azurite.get().connectionString().replace(Azurite.KEY, wrongKey));

        assertThatThrownBy(() -> store.checkHealth(TIMEOUT))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("answered 403")
                .message().doesNotContain(wrongKey);
    }

    @Test
    @DisplayName("fails as unavailable when nothing listens at the endpoint")
    void deadEndpoint() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        AppendBlobEventStore store = store(Azurite.get().connectionString()
                .replace(Azurite.get().blobEndpoint(), "http://127.0.0.1:" + port + "/" + Azurite.ACCOUNT));

        assertThatThrownBy(() -> store.checkHealth(TIMEOUT))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("could not be reached");
    }

    private static AppendBlobEventStore store(String connectionString) {
        return new AppendBlobEventStore(new BlobServiceClientBuilder()
                .connectionString(connectionString)
                .retryOptions(new RequestRetryOptions(RetryPolicyType.FIXED, 2, Duration.ofSeconds(5),
                        Duration.ofMillis(10), Duration.ofMillis(10), null))
                .buildClient());
    }
}
