package io.github.eventsourcing.azure.autoconfigure;

import io.github.eventsourcing.azure.autoconfigure.scanned.ScannedApplication.ParcelShipped;
import io.github.eventsourcing.azure.stream.BackendUnavailableException;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The clients the starter builds for a connection wait for each attempt of a request at most
 * {@code request-timeout} and retry it {@code max-retries} times, against a server that accepts connections and never
 * answers (without these bounds the SDK waits about four minutes there).
 */
@DisplayName("Request timeout and retries of a connection")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StorageRequestBoundsTests {

    private final ApplicationContextRunner runner = AllBackends.runner();

    @Test
    @DisplayName("an append to a Table endpoint that never answers fails after max-retries + 1 attempts of "
            + "request-timeout each")
    void tableRequestsAreBounded() throws IOException {
        try (SilentServer silent = new SilentServer()) {
            long millis = appendFails("table", "TableEndpoint=" + silent.url(), "max-retries=1");
            assertThat(silent.connections()).as("attempts").isEqualTo(2);
            assertThat(millis).as("two attempts of 700 ms and a back-off").isBetween(1_400L, 20_000L);
        }
    }

    @Test
    @DisplayName("an append to a Blob endpoint that never answers fails after max-retries + 1 attempts of "
            + "request-timeout each")
    void blobRequestsAreBounded() throws IOException {
        try (SilentServer silent = new SilentServer()) {
            long millis = appendFails("append-blob", "BlobEndpoint=" + silent.url(), "max-retries=0");
            assertThat(silent.connections()).as("attempts").isEqualTo(1);
            assertThat(millis).as("one attempt of 700 ms").isBetween(700L, 20_000L);
        }
    }

    @Test
    @DisplayName("a request timeout that is not positive, or retries outside 0..10, fail at start-up and say what to set")
    void badBoundsFailAtStartUp() {
        String connection = "eventsourcing.connections.default.connection-string=" + Azurite.get().connectionString();
        FailureAnalysis zero = EventSourcingConfigurationFailureAnalyzerTests.failure(runner,
                "eventsourcing.streams.[ALL.ALL].backend=table", connection,
                "eventsourcing.connections.default.request-timeout=0s");
        assertThat(zero.getDescription()).contains("eventsourcing.connections.default.request-timeout is PT0S");
        assertThat(zero.getAction()).contains("Set eventsourcing.connections.default.request-timeout to a positive "
                + "duration");

        FailureAnalysis negative = EventSourcingConfigurationFailureAnalyzerTests.failure(runner,
                "eventsourcing.streams.[ALL.ALL].backend=append-blob", connection,
                "eventsourcing.connections.default.max-retries=-1");
        assertThat(negative.getDescription()).contains("eventsourcing.connections.default.max-retries is -1, "
                + "outside 0..10");
    }

    /** Appends through a context whose only connection points at the silent server; the milliseconds it took. */
    private long appendFails(String backend, String endpoint, String retries) {
        long[] millis = {0};
        runner.withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=" + backend,
                "eventsourcing.connections.default.connection-string=DefaultEndpointsProtocol=http;AccountName="
                        + Azurite.ACCOUNT + ";AccountKey=" + Azurite.KEY + ";" + endpoint + ";",
                "eventsourcing.connections.default.request-timeout=700ms",
                "eventsourcing.connections.default." + retries).run(context -> {
            assertThat(context).hasNotFailed();
            EventStreams streams = context.getBean(EventStreams.class);
            long started = System.nanoTime();
            assertThatThrownBy(() -> streams.stream(StreamId.of("Shipping", "Parcel", "P-1"))
                    .append(new ParcelShipped("P-1", null, null)))
                    .isInstanceOf(BackendUnavailableException.class);
            millis[0] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        });
        return millis[0];
    }

    /** A server on loopback that accepts every connection, counts it, and never sends a byte. */
    private static final class SilentServer implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger accepted = new AtomicInteger();
        private final List<Socket> open = new ArrayList<>();
        private final Thread acceptor = new Thread(this::acceptForever, "silent-server");

        SilentServer() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/" + Azurite.ACCOUNT;
        }

        int connections() {
            return accepted.get();
        }

        private void acceptForever() {
            try {
                while (!socket.isClosed()) {
                    Socket connection = socket.accept();
                    synchronized (open) {
                        open.add(connection);
                    }
                    accepted.incrementAndGet();
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (open) {
                for (Socket connection : open) {
                    connection.close();
                }
            }
        }
    }
}
