package io.github.eventsourcing.azure.autoconfigure.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Spring MVC integration of event sourcing. */
@ConfigurationProperties("eventsourcing.web")
public class EventSourcingWebProperties {

    private final ProblemDetails problemDetails = new ProblemDetails();

    /**
     * Whether an embedded Tomcat lets an encoded slash (%2F) and backslash (%5C) through in request paths, so that a
     * URI variable can bind a key with a slash or backslash in it (/accounts/a%2Fb binds "a/b"). Tomcat refuses such
     * requests by default; with this switch it keeps them encoded (encodedSolidusHandling and
     * encodedReverseSolidusHandling "passthrough"), and Spring MVC's path pattern matching decodes them into the
     * variable only. Applies to every path of the server, and to Tomcat only.
     */
    private boolean allowEncodedSlash = false;

    public ProblemDetails getProblemDetails() {
        return problemDetails;
    }

    public boolean isAllowEncodedSlash() {
        return allowEncodedSlash;
    }

    public void setAllowEncodedSlash(boolean allowEncodedSlash) {
        this.allowEncodedSlash = allowEncodedSlash;
    }

    public static class ProblemDetails {

        /**
         * Whether the event store's exceptions are answered with RFC 9457 problem details and a fitting status: an
         * invalid stream key or text that is not valid Unicode 400, a missing stream 404, a concurrent change or existing stream 409, an event or append
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
