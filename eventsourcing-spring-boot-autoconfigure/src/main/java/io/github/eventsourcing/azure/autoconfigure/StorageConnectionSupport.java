package io.github.eventsourcing.azure.autoconfigure;

import com.azure.core.credential.TokenCredential;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * What the Table and Blob clients of a named connection have in common: the consistency of its settings, its service
 * endpoints and its Azure credential. Messages name connections and properties, never a connection string's value.
 */
final class StorageConnectionSupport {

    /** The TokenCredential bean spring-cloud-azure configures from {@code spring.cloud.azure.credential.*}. */
    static final String SPRING_CLOUD_AZURE_CREDENTIAL = "springCloudAzureDefaultCredential";

    private StorageConnectionSupport() {
    }

    static void requireConsistent(String name, EventSourcingProperties.Connection connection) {
        String prefix = "eventsourcing.connections." + name;
        if (connection.getConnectionString() != null && (connection.getAccountName() != null
                || connection.getTableEndpoint() != null || connection.getBlobEndpoint() != null)) {
            throw new InvalidEventSourcingConfigurationException(prefix + " sets connection-string together with "
                    + "account-name or an endpoint, so it is unclear which account to use.",
                    "Keep either " + prefix + ".connection-string, or " + prefix + ".account-name (and/or "
                            + prefix + ".table-endpoint / .blob-endpoint) authenticated with the application's Azure "
                            + "credential.");
        }
        if (connection.isUseApplicationBlobServiceClient()
                && (connection.getConnectionString() != null || connection.getBlobEndpoint() != null)) {
            throw new InvalidEventSourcingConfigurationException(prefix + " sets use-application-blob-service-client "
                    + "together with " + (connection.getConnectionString() != null ? "connection-string" : "blob-endpoint")
                    + ", so it is unclear which Blob account to use.",
                    "Remove " + prefix + ".use-application-blob-service-client, or remove "
                            + (connection.getConnectionString() != null ? prefix + ".connection-string (and set "
                            + prefix + ".account-name or .table-endpoint for Table storage)" : prefix + ".blob-endpoint")
                            + ".");
        }
    }

    /**
     * The endpoint of one storage service: the explicit one, else the one derived from the account name, else null.
     *
     * @param service {@code table} or {@code blob}
     */
    static String endpoint(EventSourcingProperties.Connection connection, String service) {
        String explicit = "table".equals(service) ? connection.getTableEndpoint() : connection.getBlobEndpoint();
        if (explicit != null) {
            return explicit;
        }
        return connection.getAccountName() == null ? null
                : "https://" + connection.getAccountName() + "." + service + ".core.windows.net";
    }

    /** The credential that authenticates an account name or endpoint of the connection. */
    static TokenCredential credential(String name, EventSourcingProperties.Connection connection,
                                      ListableBeanFactory beans) {
        String prefix = "eventsourcing.connections." + name;
        String chosen = connection.getCredentialBeanName();
        if (chosen != null) {
            try {
                return beans.getBean(chosen, TokenCredential.class);
            } catch (NoSuchBeanDefinitionException e) {
                throw new InvalidEventSourcingConfigurationException(prefix + ".credential-bean-name is '" + chosen
                        + "', but there is no TokenCredential bean of that name (there are: "
                        + credentialNames(beans) + ").",
                        "Set " + prefix + ".credential-bean-name to one of the TokenCredential beans, or remove it to "
                                + "use spring-cloud-azure's credential.");
            }
        }
        if (beans.containsBean(SPRING_CLOUD_AZURE_CREDENTIAL)) {
            return beans.getBean(SPRING_CLOUD_AZURE_CREDENTIAL, TokenCredential.class);
        }
        String[] names = beans.getBeanNamesForType(TokenCredential.class);
        if (names.length == 1) {
            return beans.getBean(names[0], TokenCredential.class);
        }
        if (names.length == 0) {
            throw new InvalidEventSourcingConfigurationException(prefix + " authenticates with Microsoft Entra ID "
                    + "(account-name or an endpoint without a connection string), but the application has no "
                    + "TokenCredential bean.",
                    "Add com.azure.spring:spring-cloud-azure-starter (the eventsourcing starter brings it): it provides "
                            + "the credential configured by spring.cloud.azure.credential.* (e.g. "
                            + "managed-identity-enabled=true). Or declare a TokenCredential bean, or set " + prefix
                            + ".connection-string instead.");
        }
        throw new InvalidEventSourcingConfigurationException(prefix + " authenticates with Microsoft Entra ID, but the "
                + "application has several TokenCredential beans (" + credentialNames(beans) + ").",
                "Set " + prefix + ".credential-bean-name to the one to use.");
    }

    /** Builds an SDK client, turning the SDK's complaints about the settings into a start-up failure. */
    static <T> T build(String name, String what, Supplier<T> builder) {
        try {
            return builder.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            // The SDK's messages do not repeat the connection string; keep the cause out anyway, as its stack trace is
            // printed and a future SDK version might.
            throw new InvalidEventSourcingConfigurationException("eventsourcing.connections." + name + " cannot "
                    + "build the " + what + " client: " + e.getMessage(),
                    "Check eventsourcing.connections." + name + ": a connection string looks like "
                            + "DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=core.windows.net "
                            + "(copy it from the storage account's Access keys), an endpoint like "
                            + "https://<account>." + what.toLowerCase(java.util.Locale.ROOT) + ".core.windows.net.");
        }
    }

    private static String credentialNames(ListableBeanFactory beans) {
        String[] names = beans.getBeanNamesForType(TokenCredential.class);
        return names.length == 0 ? "none" : String.join(", ", Arrays.stream(names).sorted().toList());
    }
}
