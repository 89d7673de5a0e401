package io.github.eventsourcing.azure.autoconfigure;

import io.github.eventsourcing.azure.spi.StorageConnection;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.HttpClientOptions;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * What the Table and Blob clients of a named connection have in common: the consistency of its settings, its service
 * endpoints and its Azure credential. Messages name connections and properties, never a connection string's value.
 */
final class StorageConnectionSupport {

    /** Retries beyond this would keep a caller waiting for many minutes; more likely a typo than a wish. */
    static final int MAX_RETRIES = 10;

    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** The TokenCredential bean spring-cloud-azure configures from {@code spring.cloud.azure.credential.*}. */
    static final String SPRING_CLOUD_AZURE_CREDENTIAL = "springCloudAzureDefaultCredential";

    private StorageConnectionSupport() {
    }

    /**
     * Checks what only the configured properties show, before they become a {@link StorageConnection}: the emulator
     * switch is not mixed with other ways to connect, and no value is a {@code ${...}} placeholder nothing resolved.
     */
    static void requireUsable(String name, EventSourcingProperties.Connection connection) {
        String prefix = "eventsourcing.connections." + name;
        // First: with the emulator switched on, a connection string is in the way, resolved or not.
        EmulatorConnection.requireConsistent(name, connection);
        UnresolvedPlaceholders.requireResolved(prefix + ".connection-string", connection.getConnectionString(),
                "To develop against the Azurite emulator on this machine, replace it with " + prefix
                        + ".emulator.enabled=true.");
        UnresolvedPlaceholders.requireResolved(prefix + ".account-name", connection.getAccountName(), "");
        UnresolvedPlaceholders.requireResolved(prefix + ".table-endpoint", connection.getTableEndpoint(), "");
        UnresolvedPlaceholders.requireResolved(prefix + ".blob-endpoint", connection.getBlobEndpoint(), "");
    }

    static void requireConsistent(StorageConnection connection) {
        String prefix = "eventsourcing.connections." + connection.name();
        Duration timeout = connection.requestTimeout();
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidEventSourcingConfigurationException(prefix + ".request-timeout is " + timeout
                    + ", but a storage request needs some time to be answered.",
                    "Set " + prefix + ".request-timeout to a positive duration, e.g. 30s (the default), or remove it.");
        }
        if (connection.maxRetries() < 0 || connection.maxRetries() > MAX_RETRIES) {
            throw new InvalidEventSourcingConfigurationException(prefix + ".max-retries is "
                    + connection.maxRetries() + ", outside 0.." + MAX_RETRIES + ".",
                    "Set " + prefix + ".max-retries to 0 (fail at the first error) up to " + MAX_RETRIES
                            + ", or remove it for the default of 3.");
        }
        if (connection.connectionString() != null && (connection.accountName() != null
                || connection.tableEndpoint() != null || connection.blobEndpoint() != null)) {
            throw new InvalidEventSourcingConfigurationException(prefix + " sets connection-string together with "
                    + "account-name or an endpoint, so it is unclear which account to use.",
                    "Keep either " + prefix + ".connection-string, or " + prefix + ".account-name (and/or "
                            + prefix + ".table-endpoint / .blob-endpoint) authenticated with the application's Azure "
                            + "credential.");
        }
        if (connection.useApplicationBlobServiceClient()
                && (connection.connectionString() != null || connection.blobEndpoint() != null)) {
            throw new InvalidEventSourcingConfigurationException(prefix + " sets use-application-blob-service-client "
                    + "together with " + (connection.connectionString() != null ? "connection-string" : "blob-endpoint")
                    + ", so it is unclear which Blob account to use.",
                    "Remove " + prefix + ".use-application-blob-service-client, or remove "
                            + (connection.connectionString() != null ? prefix + ".connection-string (and set "
                            + prefix + ".account-name or .table-endpoint for Table storage)" : prefix + ".blob-endpoint")
                            + ".");
        }
    }

    /** The connection string of the connection: the configured one, Azurite's when it is the emulator, else null. */

    /**
     * The HTTP settings of the clients built for a connection: each attempt of a request waits at most the request
     * timeout for the answer to start and between two reads of it; connecting waits at most as long, capped at 10 s.
     */
    static HttpClientOptions httpOptions(StorageConnection connection) {
        Duration timeout = connection.requestTimeout();
        return new HttpClientOptions()
                .setConnectTimeout(timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT)
                .setResponseTimeout(timeout)
                .setReadTimeout(timeout);
    }

    /** The Table client's retries of a connection: the SDK's exponential back-off, as many times as configured. */
    static RetryOptions tableRetries(StorageConnection connection) {
        return new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(connection.maxRetries()));
    }

    /**
     * The Blob client's retries of a connection. The storage SDK's own retry policy counts tries, not retries. Its
     * per-try timeout (whole seconds, covering the transfer of the body too) stays unset: the HTTP options bound the
     * wait for an answer, and a long ranged read on a slow network must not be cut off.
     */
    static RequestRetryOptions blobRetries(StorageConnection connection) {
        return new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, connection.maxRetries() + 1,
                (Duration) null, null, null, null);
    }

    /**
     * The endpoint of one storage service: the explicit one, else the one derived from the account name, else null.
     *
     * @param service {@code table} or {@code blob}
     */
    static String endpoint(StorageConnection connection, String service) {
        String explicit = "table".equals(service) ? connection.tableEndpoint() : connection.blobEndpoint();
        if (explicit != null) {
            return explicit;
        }
        return connection.accountName() == null ? null
                : "https://" + connection.accountName() + "." + service + ".core.windows.net";
    }

    /** The credential that authenticates an account name or endpoint of the connection. */
    static TokenCredential credential(StorageConnection connection, ListableBeanFactory beans) {
        String prefix = "eventsourcing.connections." + connection.name();
        String chosen = connection.credentialBeanName();
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
