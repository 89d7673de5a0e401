package io.github.eventsourcing.azure.samples;

import com.azure.core.credential.TokenCredential;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.identity.ManagedIdentityCredential;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.github.eventsourcing.azure.autoconfigure.EventSourcingProperties;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.spi.EventStoreRouter.Route;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.EventStoreLimits;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId.StreamType;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

import java.time.Duration;
import java.util.UUID;

import static io.github.eventsourcing.azure.samples.ConfigSample.route;
import static org.assertj.core.api.Assertions.assertThat;

/** Each sample in src/main/resources binds, passes the start-up checks, and routes streams where its comments say. */
@DisplayName("The configuration samples")
class ConfigSamplesTest {

    @EventName("Sample Event")
    record SampleEvent(String text) {
    }

    private static final String AZURITE = "STORAGE_CONNECTION_STRING=" + Azurite.get().connectionString();

    @Test
    @DisplayName("all-table.yml stores every domain/entity in Table storage, under its table-name prefix")
    void allTable() {
        ConfigSample.load("all-table.yml").withPropertyValues(AZURITE).run(context -> {
            assertThat(route(context, "Bank", "Account")).isEqualTo(new Route("ALL.ALL", "table", "default"));
            assertThat(route(context, "Shop", "Order")).isEqualTo(new Route("ALL.ALL", "table", "default"));
            assertThat(storeOf(context, "Bank", "Account").backendName()).isEqualTo("table");
            assertRoundTrip(context, "Bank", "Account");
            assertThat(new TableServiceClientBuilder().connectionString(Azurite.get().connectionString()).buildClient()
                    .listTables())
                    .anySatisfy(table -> assertThat(table.getName()).startsWithIgnoringCase("bankbankaccount"));
        });
    }

    @Test
    @DisplayName("all-append-blob.yml stores every domain/entity in append blobs, under its container prefix")
    void allAppendBlob() {
        ConfigSample.load("all-append-blob.yml").withPropertyValues(AZURITE).run(context -> {
            assertThat(route(context, "Bank", "Account")).isEqualTo(new Route("ALL.ALL", "append-blob", "default"));
            assertThat(storeOf(context, "Bank", "Account").backendName()).isEqualTo("append-blob");
            assertRoundTrip(context, "Bank", "Account");
            assertThat(new BlobServiceClientBuilder().connectionString(Azurite.get().connectionString()).buildClient()
                    .listBlobContainers())
                    .anySatisfy(container -> assertThat(container.getName()).startsWith("bank-bank-account"));
        });
    }

    @Test
    @DisplayName("mixed-with-fallbacks.yml falls back from Domain.Entity to Domain.ALL to ALL.Entity to ALL.ALL")
    void mixedWithFallbacks() {
        ConfigSample.load("mixed-with-fallbacks.yml")
                .withPropertyValues(AZURITE, "ARCHIVE_" + AZURITE)
                .run(context -> {
                    assertThat(route(context, "Bank", "AuditTrail"))
                            .isEqualTo(new Route("Bank.AuditTrail", "append-blob", "archive"));
                    assertThat(route(context, "Bank", "Account")).isEqualTo(new Route("Bank.ALL", "table", "archive"));
                    assertThat(route(context, "Shop", "Cart")).isEqualTo(new Route("ALL.Cart", "in-memory", null));
                    assertThat(route(context, "Bank", "Cart")).isEqualTo(new Route("Bank.ALL", "table", "archive"));
                    assertThat(route(context, "Shop", "Order")).isEqualTo(new Route("ALL.ALL", "table", "default"));
                    assertThat(storeOf(context, "Bank", "AuditTrail").backendName()).isEqualTo("append-blob");
                    assertThat(storeOf(context, "Shop", "Cart").backendName()).isEqualTo("in-memory");
                    assertThat(storeOf(context, "Bank", "Account").backendName()).isEqualTo("table");
                    assertThat(storeOf(context, "Bank", "Account")).isNotSameAs(storeOf(context, "Shop", "Order"));
                    assertThat(context.getBean(EventStoreLimits.class))
                            .isEqualTo(new EventStoreLimits(20, 64 * 1024, 1024 * 1024));
                    assertRoundTrip(context, "Bank", "AuditTrail");
                    assertRoundTrip(context, "Shop", "Order");
                });
    }

    @Test
    @DisplayName("managed-identity.yml stores in Table storage by account name, with spring-cloud-azure's managed "
            + "identity as the application's credential and shorter request bounds")
    void managedIdentity() {
        ConfigSample.load("managed-identity.yml")
                .withPropertyValues("AZURE_CLIENT_ID=00000000-0000-0000-0000-000000000001",
                        "STORAGE_ACCOUNT_NAME=bankprod")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(route(context, "Bank", "Account")).isEqualTo(new Route("ALL.ALL", "table", "default"));
                    assertThat(storeOf(context, "Bank", "Account").backendName()).isEqualTo("table");
                    // The credential the connection uses: spring-cloud-azure's, a managed identity here. Nothing is
                    // sent: the store reaches the account only when a stream is used.
                    assertThat(context.getBean("springCloudAzureDefaultCredential", TokenCredential.class))
                            .isInstanceOf(ManagedIdentityCredential.class);
                    EventSourcingProperties.Connection connection = context.getBean(EventSourcingProperties.class)
                            .getConnections().get("default");
                    assertThat(connection.getRequestTimeout()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(connection.getMaxRetries()).isEqualTo(2);
                });
    }

    @Test
    @DisplayName("spring-cloud-azure-blob-client.yml stores through spring-cloud-azure's BlobServiceClient")
    void springCloudAzureBlobClient() {
        ConfigSample.load("spring-cloud-azure-blob-client.yml").withPropertyValues(AZURITE).run(context -> {
            assertThat(route(context, "Bank", "Account")).isEqualTo(new Route("ALL.ALL", "append-blob", "default"));
            assertRoundTrip(context, "Bank", "Account");
        });
    }

    @Test
    @DisplayName("azurite-emulator.yml stores in the Azurite on this machine, without a connection string")
    void azuriteEmulator() {
        ConfigSample.load("azurite-emulator.yml")
                .withPropertyValues("AZURITE_BLOB_PORT=" + Azurite.get().blobPort(),
                        "AZURITE_TABLE_PORT=" + Azurite.get().tablePort())
                .run(context -> {
                    assertThat(route(context, "Bank", "AuditTrail"))
                            .isEqualTo(new Route("Bank.AuditTrail", "append-blob", "default"));
                    assertThat(route(context, "Bank", "Account")).isEqualTo(new Route("ALL.ALL", "table", "default"));
                    assertRoundTrip(context, "Bank", "AuditTrail");
                    assertRoundTrip(context, "Bank", "Account");
                });
    }

    private static EventStore storeOf(AssertableApplicationContext context, String domain, String entity) {
        return context.getBean(EventStoreRouter.class).storeFor(new StreamType(domain, entity));
    }

    /** An event written through the sample's configuration reads back: the sample works against storage, not just on paper. */
    private static void assertRoundTrip(AssertableApplicationContext context, String domain, String entity) {
        EventStreams streams = context.getBean(EventStreams.class);
        StreamId id = StreamId.of(domain, entity, "sample-" + UUID.randomUUID());
        streams.stream(id).append(new SampleEvent("hello"));
        assertThat(streams.stream(id).read()).singleElement()
                .satisfies(event -> assertThat(event.payload()).isEqualTo(new SampleEvent("hello")));
    }
}
