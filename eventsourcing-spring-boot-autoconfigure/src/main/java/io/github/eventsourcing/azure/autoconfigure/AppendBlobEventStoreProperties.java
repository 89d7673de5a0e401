package io.github.eventsourcing.azure.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Options of the Azure append-blob backend. */
@ConfigurationProperties("eventsourcing.append-blob")
public class AppendBlobEventStoreProperties {

    /**
     * The start of every container name: 1 to 20 lowercase letters and digits, with single hyphens between them. Each
     * domain/entity gets its own container, named {prefix}-{domain}-{entity}-{hash}; a prefix of its own keeps an
     * application's containers apart from another's in a shared storage account.
     */
    private String containerPrefix = "es";

    public String getContainerPrefix() {
        return containerPrefix;
    }

    public void setContainerPrefix(String containerPrefix) {
        this.containerPrefix = containerPrefix;
    }
}
