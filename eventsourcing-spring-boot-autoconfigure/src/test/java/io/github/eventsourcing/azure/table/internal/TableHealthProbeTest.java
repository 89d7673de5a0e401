package io.github.eventsourcing.azure.table.internal;

import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.data.tables.TableServiceClientBuilder;
import io.github.eventsourcing.azure.stream.BackendUnavailableException;
import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The Table backend's health probe")
class TableHealthProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    @DisplayName("answers with the service endpoint when the account is reachable and accepts the key")
    void healthy() {
        TableEventStore store = store(Azurite.get().connectionString());

        assertThat(store.checkHealth(TIMEOUT)).containsEntry("endpoint", Azurite.get().tableEndpoint());
    }

    @Test
    @DisplayName("fails as unavailable, naming the refusal but not the key, when the account refuses the key")
    void wrongKey() {
        String wrongKey = "AAAA" + Azurite.KEY.substring(4);
        TableEventStore store = store(Azurite.get().connectionString().replace(Azurite.KEY, wrongKey));

        assertThatThrownBy(() -> store.checkHealth(TIMEOUT))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("refused the credentials")
                .hasMessageContaining("HTTP 403")
                .message().doesNotContain(wrongKey);
    }

    @Test
    @DisplayName("fails as unavailable when nothing listens at the endpoint")
    void deadEndpoint() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        TableEventStore store = store(Azurite.get().connectionString()
                .replace(Azurite.get().tableEndpoint(), "http://127.0.0.1:" + port + "/" + Azurite.ACCOUNT));

        assertThatThrownBy(() -> store.checkHealth(TIMEOUT))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("is unavailable while listing tables to check health");
    }

    private static TableEventStore store(String connectionString) {
        return new TableEventStore(new TableServiceClientBuilder()
                .connectionString(connectionString)
                .retryOptions(new RetryOptions(new ExponentialBackoffOptions()
                        .setMaxRetries(1).setBaseDelay(Duration.ofMillis(5)).setMaxDelay(Duration.ofMillis(10))))
                .buildClient());
    }
}
