package io.github.eventsourcing.azure.autoconfigure;

import com.azure.storage.blob.BlobServiceClient;
import io.github.eventsourcing.azure.blob.internal.AppendBlobEventStore;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreFactory;
import io.github.eventsourcing.azure.spi.StorageConnection;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@code append-blob} backend (one Azure append blob per stream), available when the Azure Blob SDK is on the
 * classpath. A connection may build its own {@link BlobServiceClient} or use the application's (e.g. spring-cloud-azure's).
 */
@AutoConfiguration(before = EventSourcingAutoConfiguration.class)
@ConditionalOnClass(BlobServiceClient.class)
@EnableConfigurationProperties(AppendBlobEventStoreProperties.class)
public final class AppendBlobEventStoreAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    AppendBlobEventStoreFactory appendBlobEventStoreFactory(AppendBlobEventStoreProperties properties,
                                                            ListableBeanFactory beans) {
        return new AppendBlobEventStoreFactory(properties.getContainerPrefix(), beans);
    }

    /** One {@link AppendBlobEventStore} per connection that a rule with the append-blob backend names. */
    public static final class AppendBlobEventStoreFactory implements EventStoreFactory, BuiltInBackend {

        public static final String BACKEND = "append-blob";

        private final String containerPrefix;
        private final ListableBeanFactory beans;

        AppendBlobEventStoreFactory(String containerPrefix, ListableBeanFactory beans) {
            this.containerPrefix = containerPrefix;
            this.beans = beans;
        }

        @Override
        public String backend() {
            return BACKEND;
        }

        @Override
        public EventStore create(StorageConnection connection) {
            BlobServiceClient client = BlobServiceClients.forConnection(connection, beans);
            try {
                return new AppendBlobEventStore(client, containerPrefix);
            } catch (IllegalArgumentException e) {
                throw InvalidEventSourcingConfigurationException.refusedValue("eventsourcing.append-blob.container-prefix",
                        containerPrefix, e,
                        "Set eventsourcing.append-blob.container-prefix to 1 to 20 lowercase letters and digits, with "
                                + "single hyphens between them, or remove it to use 'es'.");
            }
        }
    }
}
