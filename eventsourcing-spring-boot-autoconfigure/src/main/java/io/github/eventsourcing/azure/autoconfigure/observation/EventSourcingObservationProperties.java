package io.github.eventsourcing.azure.autoconfigure.observation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Micrometer observations of the event store, projections and classifications. */
@ConfigurationProperties("eventsourcing.observation")
public class EventSourcingObservationProperties {

    /**
     * Whether calls to the event store, projections and classifications are observed (metrics and traces), when the
     * application has an ObservationRegistry (Spring Boot Actuator configures one).
     */
    private boolean enabled = true;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
