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

    private final Notifications notifications = new Notifications();

    public Notifications getNotifications() {
        return notifications;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** The backlog of change notifications, when notifications are enabled. */
    public static class Notifications {

        /**
         * How long the oldest notification this instance has not published yet may wait before the backlog is DOWN.
         */
        private Duration maxAge = Duration.ofMinutes(5);

        public Duration getMaxAge() {
            return maxAge;
        }

        public void setMaxAge(Duration maxAge) {
            this.maxAge = maxAge;
        }
    }
}
