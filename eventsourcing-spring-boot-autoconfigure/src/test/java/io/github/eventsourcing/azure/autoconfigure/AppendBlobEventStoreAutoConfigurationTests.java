package io.github.eventsourcing.azure.autoconfigure;

import com.azure.spring.cloud.autoconfigure.implementation.context.AzureGlobalPropertiesAutoConfiguration;
import com.azure.spring.cloud.autoconfigure.implementation.storage.blob.AzureStorageBlobAutoConfiguration;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.github.eventsourcing.azure.autoconfigure.AppendBlobEventStoreAutoConfiguration.AppendBlobEventStoreFactory;
import io.github.eventsourcing.azure.autoconfigure.scanned.ScannedApplication.ParcelShipped;
import io.github.eventsourcing.azure.autoconfigure.scanned.ScannedApplication;
import io.github.eventsourcing.azure.blob.internal.AppendBlobEventStore;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("AppendBlobEventStoreAutoConfiguration")
class AppendBlobEventStoreAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class,
                    InMemoryEventStoreAutoConfiguration.class, AppendBlobEventStoreAutoConfiguration.class))
            .withUserConfiguration(ScannedApplication.class)
            .withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=append-blob");

    @Test
    @DisplayName("stores streams in append blobs of the connection the rule names")
    void storesInAppendBlobs() {
        String prefix = "c" + UUID.randomUUID().toString().substring(0, 8);
        runner.withPropertyValues("eventsourcing.connections.default.connection-string=" + Azurite.get().connectionString(),
                "eventsourcing.append-blob.container-prefix=" + prefix).run(context -> {
            StreamId parcel = StreamId.of("Shipping", "Parcel", "P-1");
            context.getBean(EventStreams.class).stream(parcel).append(new ParcelShipped("P-1", null, null));

            EventStore store = context.getBean(ConfiguredEventStoreRouter.class).storeFor(parcel.type());
            assertThat(store).isInstanceOf(AppendBlobEventStore.class);
            String container = ((AppendBlobEventStore) store).containerNameFor(parcel.type());
            assertThat(container).startsWith(prefix + "-");
            BlobServiceClient blobs = new BlobServiceClientBuilder().connectionString(Azurite.get().connectionString())
                    .buildClient();
            assertThat(blobs.getBlobContainerClient(container).listBlobs()).isNotEmpty();
            assertThat(context.getBean(EventStreams.class).stream(parcel).read()).hasSize(1);
        });
    }

    @Test
    @DisplayName("can store through the application's BlobServiceClient, here spring-cloud-azure's")
    void usesSpringCloudAzureBlobClient() {
        runner.withConfiguration(AutoConfigurations.of(AzureGlobalPropertiesAutoConfiguration.class,
                        AzureStorageBlobAutoConfiguration.class))
                .withPropertyValues("spring.cloud.azure.storage.blob.connection-string=" + Azurite.get().connectionString(),
                        "eventsourcing.connections.default.use-application-blob-service-client=true")
                .run(context -> {
                    StreamId parcel = StreamId.of("Shipping", "Parcel", "P-" + UUID.randomUUID());
                    context.getBean(EventStreams.class).stream(parcel).append(new ParcelShipped("P-2", null, null));
                    assertThat(context.getBean(EventStreams.class).stream(parcel).version()).isEqualTo(1);
                    assertThat(context.getBean(ConfiguredEventStoreRouter.class).storeFor(parcel.type()))
                            .isInstanceOf(AppendBlobEventStore.class);
                });
    }

    @Test
    @DisplayName("is left out when the Azure Blob SDK is not on the classpath, and an append-blob rule says why")
    void absentWithoutSdk() {
        runner.withClassLoader(new FilteredClassLoader(BlobServiceClient.class))
                .withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=in-memory")
                .run(context -> assertThat(context).doesNotHaveBean(AppendBlobEventStoreFactory.class)
                        .hasSingleBean(EventStreams.class));
        FailureAnalysis analysis = EventSourcingConfigurationFailureAnalyzerTests.failure(
                runner.withClassLoader(new FilteredClassLoader(BlobServiceClient.class)),
                "eventsourcing.connections.default.connection-string=UseDevelopmentStorage=true");
        assertThat(analysis.getDescription()).contains("com.azure:azure-storage-blob is not on the classpath");
    }

    @Test
    @DisplayName("fails the start when the container prefix is not a valid start of a container name")
    void invalidPrefix() {
        FailureAnalysis analysis = EventSourcingConfigurationFailureAnalyzerTests.failure(runner,
                "eventsourcing.connections.default.connection-string=" + Azurite.get().connectionString(),
                "eventsourcing.append-blob.container-prefix=Bank_Events");

        assertThat(analysis.getDescription()).startsWith("eventsourcing.append-blob.container-prefix is 'Bank_Events': ");
        assertThat(analysis.getAction()).isEqualTo("Set eventsourcing.append-blob.container-prefix to 1 to 20 lowercase "
                + "letters and digits, with single hyphens between them, or remove it to use 'es'.");
    }

    @Test
    @DisplayName("fails the start when the connection asks for the application's BlobServiceClient and there is none")
    void noApplicationClient() {
        FailureAnalysis analysis = EventSourcingConfigurationFailureAnalyzerTests.failure(runner,
                "eventsourcing.connections.default.use-application-blob-service-client=true");

        assertThat(analysis.getDescription()).isEqualTo("eventsourcing.connections.default uses the application's "
                + "BlobServiceClient, but the application has none.");
    }
}
