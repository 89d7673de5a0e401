package io.github.eventsourcing.azure.test.autoconfigure;

import io.github.eventsourcing.azure.autoconfigure.ConfiguredEventStoreRouter;
import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.EventSourcingProperties;
import io.github.eventsourcing.azure.autoconfigure.EventStoreDecorator;
import io.github.eventsourcing.azure.autoconfigure.InMemoryEventStoreAutoConfiguration.InMemoryEventStoreFactory;
import io.github.eventsourcing.azure.autoconfigure.InMemoryEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.util.List;

/**
 * With {@code eventsourcing.test.in-memory=true} (which {@code @AutoConfigureInMemoryEventStreams} sets), routes every
 * stream rule to one in-memory store, so that an application's tests need no storage: no Azure client is created.
 * The rules keep their keys, so the start-up check that every controller binding is covered by a rule works as in
 * production.
 */
@AutoConfiguration(before = EventSourcingAutoConfiguration.class, after = InMemoryEventStoreAutoConfiguration.class)
@ConditionalOnBooleanProperty("eventsourcing.test.in-memory")
@EnableConfigurationProperties({EventSourcingProperties.class, InMemoryEventStreamsProperties.class})
public final class InMemoryEventStreamsTestAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(EventStoreRouter.class)
    ConfiguredEventStoreRouter eventStoreRouter(EventSourcingProperties properties,
                                                ObjectProvider<InMemoryEventStoreFactory> inMemory,
                                                ObjectProvider<EventStoreDecorator> decorators) {
        return new ConfiguredEventStoreRouter(inMemoryRules(properties),
                List.of(inMemory.getIfAvailable(InMemoryEventStoreFactory::new)), decorators.orderedStream().toList());
    }

    /** The same rule keys, each on the in-memory backend; ALL.ALL when there are none. */
    static EventSourcingProperties inMemoryRules(EventSourcingProperties properties) {
        EventSourcingProperties inMemory = new EventSourcingProperties();
        List<String> keys = properties.getStreams().isEmpty()
                ? List.of(ConfiguredEventStoreRouter.ALL + "." + ConfiguredEventStoreRouter.ALL)
                : List.copyOf(properties.getStreams().keySet());
        for (String key : keys) {
            EventSourcingProperties.StreamRule rule = new EventSourcingProperties.StreamRule();
            rule.setBackend(InMemoryEventStoreFactory.BACKEND);
            inMemory.getStreams().put(key, rule);
        }
        return inMemory;
    }
}
