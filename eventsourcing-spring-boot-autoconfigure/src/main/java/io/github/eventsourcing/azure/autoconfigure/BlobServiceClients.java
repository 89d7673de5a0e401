package io.github.eventsourcing.azure.autoconfigure;

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

    static BlobServiceClient forConnection(String name, EventSourcingProperties.Connection connection,
                                           ListableBeanFactory beans) {
        StorageConnectionSupport.requireConsistent(name, connection);
        String prefix = "eventsourcing.connections." + name;
        if (connection.isUseApplicationBlobServiceClient()) {
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
        String connectionString = StorageConnectionSupport.connectionString(connection);
        if (connectionString != null) {
            return StorageConnectionSupport.build(name, "Blob", () -> configured(connection)
                    .connectionString(connectionString).buildClient());
        }
        String endpoint = StorageConnectionSupport.endpoint(connection, "blob");
        if (endpoint == null) {
            throw new InvalidEventSourcingConfigurationException(prefix + " is used by a rule with the append-blob "
                    + "backend, but gives no Blob endpoint.",
                    "Set " + prefix + ".connection-string, " + prefix + ".account-name, " + prefix + ".blob-endpoint or "
                            + prefix + ".use-application-blob-service-client=true.");
        }
        return StorageConnectionSupport.build(name, "Blob", () -> configured(connection).endpoint(endpoint)
                .credential(StorageConnectionSupport.credential(name, connection, beans)).buildClient());
    }

    private static BlobServiceClientBuilder configured(EventSourcingProperties.Connection connection) {
        return new BlobServiceClientBuilder()
                .clientOptions(StorageConnectionSupport.httpOptions(connection))
                .retryOptions(StorageConnectionSupport.blobRetries(connection));
    }
}
