package io.github.eventsourcing.azure.autoconfigure;

import io.github.eventsourcing.azure.spi.StorageConnection;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;

/**
 * Builds the {@link BlobServiceClient} of a named connection, or hands over the application's own (such as the one
 * spring-cloud-azure configures from {@code spring.cloud.azure.storage.blob.*}) when the connection asks for it.
 */
final class BlobServiceClients {

    private BlobServiceClients() {
    }

    static BlobServiceClient forConnection(StorageConnection connection, ListableBeanFactory beans) {
        String name = connection.name();
        StorageConnectionSupport.requireConsistent(connection);
        String prefix = "eventsourcing.connections." + name;
        if (connection.useApplicationBlobServiceClient()) {
            try {
                return beans.getBean(BlobServiceClient.class);
            } catch (NoUniqueBeanDefinitionException e) {
                throw new InvalidEventSourcingConfigurationException(prefix + " uses the application's "
                        + "BlobServiceClient, but there are several (" + String.join(", ", e.getBeanNamesFound()) + ").",
                        "Mark the one to use @Primary, or set " + prefix + ".blob-endpoint instead of "
                                + prefix + ".use-application-blob-service-client.");
            } catch (NoSuchBeanDefinitionException e) {
                throw new InvalidEventSourcingConfigurationException(prefix + " uses the application's "
                        + "BlobServiceClient, but the application has none.",
                        "Set spring.cloud.azure.storage.blob.account-name (or .endpoint or .connection-string) so that "
                                + "spring-cloud-azure provides one, declare a BlobServiceClient bean, or set " + prefix
                                + ".connection-string or .blob-endpoint instead.");
            }
        }
        if (connection.connectionString() != null) {
            return StorageConnectionSupport.build(name, "Blob", () -> configured(connection)
                    .connectionString(connection.connectionString()).buildClient());
        }
        String endpoint = StorageConnectionSupport.endpoint(connection, "blob");
        if (endpoint == null) {
            throw new InvalidEventSourcingConfigurationException(prefix + " is used by a rule with the append-blob "
                    + "backend, but gives no Blob endpoint.",
                    "Set " + prefix + ".connection-string, " + prefix + ".account-name, " + prefix + ".blob-endpoint or "
                            + prefix + ".use-application-blob-service-client=true.");
        }
        return StorageConnectionSupport.build(name, "Blob", () -> configured(connection).endpoint(endpoint)
                .credential(StorageConnectionSupport.credential(connection, beans)).buildClient());
    }

    private static BlobServiceClientBuilder configured(StorageConnection connection) {
        return new BlobServiceClientBuilder()
                .clientOptions(StorageConnectionSupport.httpOptions(connection))
                .retryOptions(StorageConnectionSupport.blobRetries(connection));
    }
}
