package io.github.eventsourcing.azure.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Where read model rows are kept when the store of their streams keeps none (the {@code append-blob} backend): the
 * Table storage of a named connection. Rows of Table streams are kept beside them, in the same account; rows of
 * in-memory streams in memory.
 */
@ConfigurationProperties(prefix = "eventsourcing.read-models")
public class ReadModelProperties {

    /**
     * The name of the connection (a key of eventsourcing.connections) whose Table storage keeps the rows of read
     * models over streams whose backend keeps no rows itself (append-blob). Unused when every read model reads Table
     * or in-memory streams.
     */
    private String connection;

    /** The prefix of the rows' table name (the table is {@code <prefix>readmodels}) on that connection. */
    private String tableNamePrefix = "es";

    /**
     * How old each instance's record of a model's generations may get: a rebuild (or a new model version) is seen by
     * every instance within this long, and its replay starts twice this long after it began.
     */
    private Duration refreshInterval = Duration.ofSeconds(5);

    public Duration getRefreshInterval() {
        return refreshInterval;
    }

    public void setRefreshInterval(Duration refreshInterval) {
        this.refreshInterval = refreshInterval;
    }

    public String getConnection() {
        return connection;
    }

    public void setConnection(String connection) {
        this.connection = connection;
    }

    public String getTableNamePrefix() {
        return tableNamePrefix;
    }

    public void setTableNamePrefix(String tableNamePrefix) {
        this.tableNamePrefix = tableNamePrefix;
    }
}
