package io.github.eventsourcing.azure.autoconfigure.query;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the results of queries ({@code io.github.eventsourcing.azure.query}) are delivered. Outputs are named here and
 * only here: a request can never point a query's result at an address of its choosing.
 */
@ConfigurationProperties("eventsourcing.queries")
public class QueryProperties {

    /** The outputs, by name (1 to 24 letters, digits, '-' and '_'). */
    private final Map<String, Output> outputs = new LinkedHashMap<>();

    /**
     * The outputs of each query type, by domain and then name, e.g.
     * {@code eventsourcing.queries.types.Bank.HighestBalance.outputs=audit-hook}. A type not named has none.
     */
    private final Map<String, Map<String, Type>> types = new LinkedHashMap<>();

    /** How long a webhook output may take to connect, and to answer. */
    private Duration webhookTimeout = Duration.ofSeconds(10);

    public Map<String, Output> getOutputs() {
        return outputs;
    }

    public Map<String, Map<String, Type>> getTypes() {
        return types;
    }

    public Duration getWebhookTimeout() {
        return webhookTimeout;
    }

    public void setWebhookTimeout(Duration webhookTimeout) {
        this.webhookTimeout = webhookTimeout;
    }

    /** One output: a webhook, or Event Grid (one of the two). */
    public static class Output {

        /** The URL the result JSON is POSTed to (http or https). */
        private URI webhookUrl;

        /**
         * Whether the result is published to Event Grid as a Query Completed notification, through the
         * notification publisher (eventsourcing.notifications.event-grid.*).
         */
        private boolean eventGrid;

        public URI getWebhookUrl() {
            return webhookUrl;
        }

        public void setWebhookUrl(URI webhookUrl) {
            this.webhookUrl = webhookUrl;
        }

        public boolean isEventGrid() {
            return eventGrid;
        }

        public void setEventGrid(boolean eventGrid) {
            this.eventGrid = eventGrid;
        }
    }

    /** The settings of one query type. */
    public static class Type {

        /** The names of the outputs its results are delivered to, in eventsourcing.queries.outputs. */
        private List<String> outputs = new ArrayList<>();

        public List<String> getOutputs() {
            return outputs;
        }

        public void setOutputs(List<String> outputs) {
            this.outputs = outputs;
        }
    }
}
