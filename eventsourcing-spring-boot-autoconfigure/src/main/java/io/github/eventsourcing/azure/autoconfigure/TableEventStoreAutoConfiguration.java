package io.github.eventsourcing.azure.autoconfigure;

import com.azure.data.tables.TableServiceClient;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreFactory;
import io.github.eventsourcing.azure.spi.StorageConnection;
import io.github.eventsourcing.azure.table.internal.TableEventStore;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@code table} backend (Azure Table storage), available when the Azure Tables SDK is on the classpath. Spring Cloud
 * Azure configures no Table client, so each connection's {@link TableServiceClient} is built here.
 */
@AutoConfiguration(before = EventSourcingAutoConfiguration.class)
@ConditionalOnClass(TableServiceClient.class)
@EnableConfigurationProperties(TableEventStoreProperties.class)
public final class TableEventStoreAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TableEventStoreFactory tableEventStoreFactory(TableEventStoreProperties properties, ListableBeanFactory beans) {
        return new TableEventStoreFactory(properties.getTableNamePrefix(), beans);
    }

    /** One {@link TableEventStore} per connection that a rule with the table backend names. */
    public static final class TableEventStoreFactory implements EventStoreFactory, BuiltInBackend {

        public static final String BACKEND = "table";

        private final String tableNamePrefix;
        private final ListableBeanFactory beans;

        TableEventStoreFactory(String tableNamePrefix, ListableBeanFactory beans) {
            this.tableNamePrefix = tableNamePrefix;
            this.beans = beans;
        }

        @Override
        public String backend() {
            return BACKEND;
        }

        @Override
        public EventStore create(StorageConnection connection) {
            TableServiceClient client = TableServiceClients.forConnection(connection, beans);
            try {
                return new TableEventStore(client, tableNamePrefix);
            } catch (IllegalArgumentException e) {
                throw InvalidEventSourcingConfigurationException.refusedValue("eventsourcing.table.table-name-prefix",
                        tableNamePrefix, e,
                        "Set eventsourcing.table.table-name-prefix to 1 to 32 letters and digits, starting with a "
                                + "letter, or remove it to use 'es'.");
            }
        }
    }
}
