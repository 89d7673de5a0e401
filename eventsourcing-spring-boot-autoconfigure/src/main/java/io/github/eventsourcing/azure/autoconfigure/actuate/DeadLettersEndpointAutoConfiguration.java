package io.github.eventsourcing.azure.autoconfigure.actuate;

import io.github.eventsourcing.azure.actuate.internal.DeadLettersEndpoint;
import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.notification.NotificationAutoConfiguration;
import io.github.eventsourcing.azure.deadletter.DeadLetters;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The Actuator endpoint {@code eventsourcingdeadletters}, which lists, retries and skips dead letters of every kind,
 * when Actuator is on the class path, the application uses event streams and the endpoint is available (exposed and not disabled:
 * {@code management.endpoints.web.exposure.include=eventsourcingdeadletters}).
 */
@AutoConfiguration(after = {EventSourcingAutoConfiguration.class, NotificationAutoConfiguration.class})
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(DeadLetters.class)
@ConditionalOnAvailableEndpoint(DeadLettersEndpoint.class)
public class DeadLettersEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DeadLettersEndpoint eventsourcingDeadLettersEndpoint(DeadLetters deadLetters) {
        return new DeadLettersEndpoint(deadLetters);
    }
}
