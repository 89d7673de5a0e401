package io.github.eventsourcing.azure.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * One named storage connection ({@code eventsourcing.connections.<name>}), as plain values: what an
 * {@link EventStoreFactory} gets to create a store. Unset values are null.
 *
 * @param name                            the connection's name, for messages
 * @param connectionString                a storage account connection string; it holds a secret
 * @param accountName                     a storage account name, authenticated with the application's credential
 * @param tableEndpoint                   the Table service endpoint, overriding the one of the account name
 * @param blobEndpoint                    the Blob service endpoint, overriding the one of the account name
 * @param credentialBeanName              the name of the {@code TokenCredential} bean to authenticate with
 * @param useApplicationBlobServiceClient whether to use the application's {@code BlobServiceClient} bean
 * @param requestTimeout                  how long one attempt of a storage request may wait for the answer
 * @param maxRetries                      how often a failed storage request is retried
 */
public record StorageConnection(String name, String connectionString, String accountName, String tableEndpoint,
                                String blobEndpoint, String credentialBeanName, boolean useApplicationBlobServiceClient,
                                Duration requestTimeout, int maxRetries) {

    public StorageConnection {
        Objects.requireNonNull(name, "name");
    }

    /** Never shows the connection string: it holds a secret. */
    @Override
    public String toString() {
        return "StorageConnection[name=" + name + ", connectionString=" + (connectionString == null ? "none" : "(hidden)")
                + ", accountName=" + accountName + ", tableEndpoint=" + tableEndpoint + ", blobEndpoint=" + blobEndpoint
                + ", credentialBeanName=" + credentialBeanName + ", useApplicationBlobServiceClient="
                + useApplicationBlobServiceClient + ", requestTimeout=" + requestTimeout + ", maxRetries=" + maxRetries
                + "]";
    }
}
