package io.github.eventsourcing.azure.concurrent.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the one {@link EventSourcingExecutors} of the application context; every auto-configuration that runs
 * work on the library's threads imports it, so it exists whichever of them is active, and is registered once.
 */
@Configuration(proxyBeanMethods = false)
public class EventSourcingExecutorsConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    EventSourcingExecutors eventsourcingExecutors() {
        return new EventSourcingExecutors();
    }
}
