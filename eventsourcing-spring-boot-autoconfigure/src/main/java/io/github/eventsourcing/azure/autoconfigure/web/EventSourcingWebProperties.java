package io.github.eventsourcing.azure.autoconfigure.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Spring MVC integration of event sourcing. */
@ConfigurationProperties("eventsourcing.web")
public class EventSourcingWebProperties {

    private final ProblemDetails problemDetails = new ProblemDetails();

    public ProblemDetails getProblemDetails() {
        return problemDetails;
    }

    public static class ProblemDetails {

        /**
         * Whether the event store's exceptions are answered with RFC 9457 problem details and a fitting status: an
         * invalid stream key 400, a missing stream 404, a concurrent change or existing stream 409, an event or append
         * over the limits 413, an unavailable backend 503.
         */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
