package io.github.eventsourcing.azure.autoconfigure;

import io.github.eventsourcing.azure.memory.internal.InMemoryEventStore;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreFactory;
import io.github.eventsourcing.azure.spi.StorageConnection;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code in-memory} backend: streams live in this process only. Meant for tests and local experiments; rules that
 * use it need no connection.
 */
@AutoConfiguration(before = EventSourcingAutoConfiguration.class)
public final class InMemoryEventStoreAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    InMemoryEventStoreFactory inMemoryEventStoreFactory() {
        return new InMemoryEventStoreFactory();
    }

    /** One in-memory store for every rule that names the backend. */
    public static final class InMemoryEventStoreFactory implements EventStoreFactory, BuiltInBackend {

        public static final String BACKEND = "in-memory";

        private final InMemoryEventStore store = new InMemoryEventStore();

        @Override
        public String backend() {
            return BACKEND;
        }

        @Override
        public boolean needsConnection() {
            return false;
        }

        @Override
        public EventStore create(StorageConnection connection) {
            return store;
        }
    }
}
