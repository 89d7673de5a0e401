package io.github.eventsourcing.azure.autoconfigure;

import io.github.eventsourcing.azure.spi.StorageConnection;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Builds the {@link TableServiceClient} of a named connection: spring-cloud-azure configures none for Table storage.
 */
final class TableServiceClients {

    private TableServiceClients() {
    }

    static TableServiceClient forConnection(StorageConnection connection, ListableBeanFactory beans) {
        String name = connection.name();
        StorageConnectionSupport.requireConsistent(connection);
        if (connection.connectionString() != null) {
            return StorageConnectionSupport.build(name, "Table", () -> configured(connection)
                    .connectionString(connection.connectionString()).buildClient());
        }
        String endpoint = StorageConnectionSupport.endpoint(connection, "table");
        if (endpoint == null) {
            String prefix = "eventsourcing.connections." + name;
            throw new InvalidEventSourcingConfigurationException(prefix + " is used by a rule with the table backend, "
                    + "but gives no Table endpoint.",
                    "Set " + prefix + ".connection-string, " + prefix + ".account-name or " + prefix + ".table-endpoint.");
        }
        return StorageConnectionSupport.build(name, "Table", () -> configured(connection).endpoint(endpoint)
                .credential(StorageConnectionSupport.credential(connection, beans)).buildClient());
    }

    private static TableServiceClientBuilder configured(StorageConnection connection) {
        return new TableServiceClientBuilder()
                .clientOptions(StorageConnectionSupport.httpOptions(connection))
                .retryOptions(StorageConnectionSupport.tableRetries(connection));
    }
}
