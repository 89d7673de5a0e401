package io.github.eventsourcing.azure.autoconfigure.actuate;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** The {@code eventsourcing} health contributor of Spring Boot Actuator. */
@ConfigurationProperties("eventsourcing.health")
public class EventSourcingHealthProperties {

    /**
     * How long the probes of all storage connections may take together (they run at once); a connection that has not
     * answered by then is DOWN.
     */
    private Duration timeout = Duration.ofSeconds(2);

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }
}
