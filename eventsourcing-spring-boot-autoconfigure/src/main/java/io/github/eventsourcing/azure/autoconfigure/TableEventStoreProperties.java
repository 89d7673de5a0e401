package io.github.eventsourcing.azure.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Options of the Azure Table storage backend. */
@ConfigurationProperties("eventsourcing.table")
public class TableEventStoreProperties {

    /**
     * The start of every table name: 1 to 32 letters and digits, starting with a letter. Each domain/entity gets its
     * own table, named by this prefix, the lower-cased domain and entity, and a short hash; a prefix of its own keeps an
     * application's tables apart from another's in a shared storage account.
     */
    private String tableNamePrefix = "es";

    public String getTableNamePrefix() {
        return tableNamePrefix;
    }

    public void setTableNamePrefix(String tableNamePrefix) {
        this.tableNamePrefix = tableNamePrefix;
    }
}
