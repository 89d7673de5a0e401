package io.github.eventsourcing.azure.table.internal;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.HttpClientOptions;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendOutcomeUnknownException;
import io.github.eventsourcing.azure.stream.BackendUnavailableException;
import io.github.eventsourcing.azure.stream.EventStoreException;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.test.Azurite;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static io.github.eventsourcing.azure.table.internal.TableTesting.freshDomain;
import static io.github.eventsourcing.azure.table.internal.TableTesting.freshStream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Failures of the storage service on the Table backend")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TableServiceFailuresTest {

    private final StreamId id = freshStream(freshDomain());

    private static EventStream streamVia(TableServiceClient client, StreamId id) {
        return TableTesting.streamsOn(new TableEventStore(client), Duration.ofMillis(500)).stream(id);
    }

    private static TableServiceClientBuilder quickRetries(TableServiceClientBuilder builder) {
        return builder.retryOptions(new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(2)
                        .setBaseDelay(Duration.ofMillis(5)).setMaxDelay(Duration.ofMillis(20))))
                .clientOptions(new HttpClientOptions().setConnectTimeout(Duration.ofSeconds(2))
                        .setResponseTimeout(Duration.ofSeconds(5)));
    }

    @Test
    @DisplayName("an unreachable service is reported as unavailable, without the account key")
    void unreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String connectionString = "DefaultEndpointsProtocol=http;AccountName=" + Azurite.ACCOUNT + ";AccountKey="
                + Azurite.KEY + ";TableEndpoint=http://127.0.0.1:" + closedPort + "/" + Azurite.ACCOUNT + ";";
        EventStream stream = streamVia(quickRetries(new TableServiceClientBuilder().connectionString(connectionString))
                .buildClient(), id);

        assertThatThrownBy(stream::version).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("unavailable").hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageNotContaining(Azurite.KEY);
        assertThatThrownBy(() -> stream.append(new ThingHappened("a", 1), AppendOptions.mustBeNew()))
                .as("no connection was made: provably nothing was written")
                .isExactlyInstanceOf(BackendUnavailableException.class).hasMessageNotContaining(Azurite.KEY);
    }

    @Test
    @DisplayName("a wrong account key is reported as refused credentials, without the key")
    void wrongKey() {
        String wrongKey = Base64.getEncoder().encodeToString("not the key of this account".getBytes(StandardCharsets.UTF_8));
        EventStream stream = streamVia(quickRetries(new TableServiceClientBuilder()
                .connectionString(Azurite.get().connectionString().replace(Azurite.KEY, wrongKey))).buildClient(), id);

        assertThatThrownBy(stream::version).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("refused the credentials").hasMessageContaining("403")
                .hasMessageNotContaining(wrongKey).hasMessageNotContaining(Azurite.KEY);
    }

    @Test
    @DisplayName("a service that keeps answering 503 is reported as unavailable after the client's retries")
    void serverBusy() {
        RequestLog requests = new RequestLog();
        EventStream stream = streamVia(AzuriteTables.client(new AzureTableLimitsPolicy(), requests, new TestPolicy() {
            @Override
            HttpResponse handle(HttpRequest request, Supplier<HttpResponse> send) {
                return new CannedResponse(request, 503, "ServerBusy");
            }
        }), id);

        // A 503 after the client's retries does not prove that none of the earlier tries was carried out (a try that
        // timed out leaves no trace in the last answer): the outcome is unknown, and looking for it fails too.
        assertThatThrownBy(() -> stream.append(new ThingHappened("a", 1), AppendOptions.expectingVersion(0)))
                .isInstanceOf(AppendOutcomeUnknownException.class)
                .hasMessageContaining("unavailable").hasMessageContaining("503").hasMessageContaining("ServerBusy")
                .hasMessageContaining("could not be read");
        assertThat(requests.all().stream().limit(4).filter(RequestLog.Sent::batch))
                .as("the first attempt and three retries").hasSize(4);
    }

    @Test
    @DisplayName("a 404 that is not Azure's answer about a row (a wrong path, a proxy) is a failure, not an empty stream")
    void foreignNotFound() {
        EventStream stream = streamVia(AzuriteTables.client(new AzureTableLimitsPolicy(), new TestPolicy() {
            @Override
            HttpResponse handle(HttpRequest request, Supplier<HttpResponse> send) {
                return new CannedResponse(request, 404, null);
            }
        }), id);

        assertThatThrownBy(stream::version).isInstanceOf(EventStoreException.class).hasMessageContaining("404");
        assertThatThrownBy(() -> stream.append(new ThingHappened("a", 1))).isInstanceOf(EventStoreException.class)
                .hasMessageContaining("404");
    }

    /** A response made up by a test, with an Azure-style error code, or a plain page when the code is null. */
    private static final class CannedResponse extends HttpResponse {

        private final int status;
        private final HttpHeaders headers;
        private final byte[] body;

        CannedResponse(HttpRequest request, int status, String errorCode) {
            super(request);
            this.status = status;
            if (errorCode == null) {
                this.headers = new HttpHeaders().set(HttpHeaderName.CONTENT_TYPE, "text/html");
                this.body = "<html><body>Not Found</body></html>".getBytes(StandardCharsets.UTF_8);
                return;
            }
            this.headers = new HttpHeaders().set(HttpHeaderName.fromString("x-ms-error-code"), errorCode)
                    .set(HttpHeaderName.CONTENT_TYPE, "application/json");
            this.body = ("{\"odata.error\":{\"code\":\"" + errorCode + "\",\"message\":{\"lang\":\"en-US\",\"value\":\""
                    + errorCode + "\"}}}").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int getStatusCode() {
            return status;
        }

        @Override
        @Deprecated
        public String getHeaderValue(String name) {
            return headers.getValue(HttpHeaderName.fromString(name));
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public Flux<ByteBuffer> getBody() {
            return Flux.just(ByteBuffer.wrap(body));
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return Mono.just(body);
        }

        @Override
        public Mono<String> getBodyAsString() {
            return Mono.just(new String(body, StandardCharsets.UTF_8));
        }

        @Override
        public Mono<String> getBodyAsString(Charset charset) {
            return Mono.just(new String(body, charset));
        }
    }
}
