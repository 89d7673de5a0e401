package io.github.eventsourcing.azure.autoconfigure;

import io.github.eventsourcing.azure.autoconfigure.scanned.ScannedApplication.ParcelShipped;
import io.github.eventsourcing.azure.blob.internal.AppendBlobEventStore;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.table.internal.TableEventStore;
import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.UUID;

import static io.github.eventsourcing.azure.autoconfigure.EventSourcingConfigurationFailureAnalyzerTests.failure;
import static org.assertj.core.api.Assertions.assertThat;

/** The development switch eventsourcing.connections.&lt;name&gt;.emulator: Azurite without a connection string. */
@DisplayName("A connection to the storage emulator")
class EmulatorConnectionTests {

    private final ApplicationContextRunner runner = AllBackends.runner();

    @Test
    @DisplayName("stores Table and AppendBlob streams in the Azurite at the configured host and ports")
    void storesInAzurite() {
        Azurite azurite = Azurite.get();
        runner.withPropertyValues("eventsourcing.connections.local.emulator.enabled=true",
                "eventsourcing.connections.local.emulator.host=localhost",
                "eventsourcing.connections.local.emulator.blob-port=" + azurite.blobPort(),
                "eventsourcing.connections.local.emulator.table-port=" + azurite.tablePort(),
                "eventsourcing.streams.[Shipping.Parcel].backend=table",
                "eventsourcing.streams.[Shipping.Parcel].connection=local",
                "eventsourcing.streams.[ALL.ALL].backend=append-blob",
                "eventsourcing.streams.[ALL.ALL].connection=local").run(context -> {
            EventStreams streams = context.getBean(EventStreams.class);
            for (StreamId id : new StreamId[] {StreamId.of("Shipping", "Parcel", "P-" + UUID.randomUUID()),
                    StreamId.of("Shipping", "Crate", "C-" + UUID.randomUUID())}) {
                streams.stream(id).append(new ParcelShipped(id.instanceKey(), null, null));
                assertThat(streams.stream(id).read()).singleElement()
                        .satisfies(event -> assertThat(event.payload()).isEqualTo(new ParcelShipped(id.instanceKey(), null,
                                null)));
            }
            ConfiguredEventStoreRouter router = context.getBean(ConfiguredEventStoreRouter.class);
            assertThat(router.storeFor(new StreamId.StreamType("Shipping", "Parcel"))).isInstanceOf(TableEventStore.class);
            assertThat(router.storeFor(new StreamId.StreamType("Shipping", "Crate")))
                    .isInstanceOf(AppendBlobEventStore.class);
        });
    }

    @Test
    @DisplayName("defaults to Azurite's own ports on 127.0.0.1")
    void defaults() {
        EventSourcingProperties.Connection connection = new EventSourcingProperties.Connection();
        connection.getEmulator().setEnabled(true);
        new ApplicationContextRunner().run(context -> {
            assertThat(TableServiceClients.forConnection(connection.toStorageConnection("local"), context).getServiceEndpoint())
                    .isEqualTo("http://127.0.0.1:10002/devstoreaccount1");
            assertThat(BlobServiceClients.forConnection(connection.toStorageConnection("local"), context).getAccountUrl())
                    .isEqualTo("http://127.0.0.1:10000/devstoreaccount1");
        });
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "0:0:0:0:0:0:0:1"})
    @DisplayName("accepts a loopback host")
    void acceptsLoopback(String host) {
        assertThat(EmulatorConnection.isLoopback(host)).isTrue();
    }

    @Nested
    @DisplayName("fails the start")
    class Failures {

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"10.0.0.5", "192.168.1.20", "0.0.0.0", "storage.example.com", "localhost.example.com",
                "127.0.0.1.nip.io", "::", "fe80::1", " "})
        @DisplayName("with a host that is not a loopback address, as the well-known key must stay on this machine")
        void nonLoopbackHost(String host) {
            FailureAnalysis analysis = failure(runner, "eventsourcing.connections.default.emulator.enabled=true",
                    "eventsourcing.connections.default.emulator.host=" + host,
                    "eventsourcing.streams.[ALL.ALL].backend=table");

            assertThat(analysis.getDescription()).isEqualTo("eventsourcing.connections.default.emulator.host is '"
                    + host.strip() + "', which is not a loopback address; the emulator's well-known account key is "
                    + "public and must never authenticate a storage endpoint that other machines can reach.");
            assertThat(analysis.getAction()).startsWith("Set eventsourcing.connections.default.emulator.host to "
                    + "localhost, 127.0.0.1 (the default) or ::1");
        }

        @Test
        @DisplayName("together with a connection string, as it is unclear which storage to use")
        void withConnectionString() {
            FailureAnalysis analysis = failure(runner, "eventsourcing.connections.default.emulator.enabled=true",
                    "eventsourcing.connections.default.connection-string=" + Azurite.get().connectionString(),
                    "eventsourcing.streams.[ALL.ALL].backend=append-blob");

            assertThat(analysis.getDescription()).isEqualTo("eventsourcing.connections.default sets "
                    + "emulator.enabled=true together with connection-string, so it is unclear which storage to use.");
            assertThat(analysis.getAction()).isEqualTo("Remove eventsourcing.connections.default.connection-string to "
                    + "use the Azurite emulator, or remove eventsourcing.connections.default.emulator.enabled to use "
                    + "the account.");
            assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(Azurite.KEY);
        }

        @Test
        @DisplayName("together with a connection string from an unset variable, saying to remove it, not to set it")
        void withUnresolvedConnectionString() {
            FailureAnalysis analysis = failure(runner, "eventsourcing.connections.default.emulator.enabled=true",
                    "eventsourcing.connections.default.connection-string=${UNSET_STORAGE_CONNECTION_STRING}",
                    "eventsourcing.streams.[ALL.ALL].backend=table");

            assertThat(analysis.getAction()).startsWith("Remove eventsourcing.connections.default.connection-string");
        }

        @Test
        @DisplayName("with a port that is no TCP port")
        void invalidPort() {
            FailureAnalysis analysis = failure(runner, "eventsourcing.connections.default.emulator.enabled=true",
                    "eventsourcing.connections.default.emulator.table-port=0",
                    "eventsourcing.streams.[ALL.ALL].backend=table");

            assertThat(analysis.getDescription())
                    .isEqualTo("eventsourcing.connections.default.emulator.table-port is 0, not a TCP port.");
            assertThat(analysis.getAction()).isEqualTo("Set eventsourcing.connections.default.emulator.table-port to "
                    + "the port Azurite's --tablePort names (1 to 65535), or remove it for Azurite's default 10002.");
        }
    }
}
