package io.github.eventsourcing.azure.autoconfigure.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.InvalidEventSourcingConfigurationException;
import io.github.eventsourcing.azure.autoconfigure.command.CommandAutoConfiguration;
import io.github.eventsourcing.azure.command.Commands;
import io.github.eventsourcing.azure.command.internal.OpenCommandIndex;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.query.Queries;
import io.github.eventsourcing.azure.query.QueryHandler;
import io.github.eventsourcing.azure.query.QueryType;
import io.github.eventsourcing.azure.notification.NotificationPublisher;
import io.github.eventsourcing.azure.query.internal.DefaultQueries;
import io.github.eventsourcing.azure.query.internal.EventGridOutput;
import io.github.eventsourcing.azure.query.internal.QueriesHealthIndicator;
import io.github.eventsourcing.azure.query.internal.QueryHandlers;
import io.github.eventsourcing.azure.query.internal.QueryOutput;
import io.github.eventsourcing.azure.query.internal.WebhookOutput;
import io.github.eventsourcing.azure.stream.EventStreams;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Queries, when the application declares {@link QueryHandler} beans: each runs as a command (so before the command
 * auto-configuration, which is given them as command handlers), the {@link Queries} bean, the outputs configured in
 * {@code eventsourcing.queries.*} (checked at start-up) and the {@code queries} health indicator.
 */
@AutoConfiguration(after = EventSourcingAutoConfiguration.class, before = CommandAutoConfiguration.class)
@ConditionalOnBean({QueryHandler.class, EventStreams.class, Projections.class})
@EnableConfigurationProperties(QueryProperties.class)
public final class QueryAutoConfiguration {

    /** An output's name becomes part of a step's name ({@code deliver-<name>}, at most 32 characters). */
    private static final int MAX_OUTPUT_NAME_LENGTH = 24;

    @Bean
    QueryHandlers queryHandlers(List<QueryHandler<?, ?>> handlers, QueryProperties properties,
                                Projections projections, ObjectProvider<NotificationPublisher> publisher,
                                ObjectProvider<Clock> clock,
                                @Qualifier(EventSourcingAutoConfiguration.STORAGE_OBJECT_MAPPER_BEAN_NAME)
                                ObjectMapper storageMapper) {
        Map<String, QueryOutput> outputs = outputs(properties, () -> new EventGridOutput(publisher.getIfUnique(() -> {
            throw new InvalidEventSourcingConfigurationException("An output in eventsourcing.queries.outputs "
                    + "publishes to Event Grid, but notifications are off (there is no NotificationPublisher).",
                    "Set eventsourcing.notifications.enabled=true and configure "
                            + "eventsourcing.notifications.event-grid.*, or give the output a webhook-url instead.");
        }), clock.getIfUnique(Clock::systemUTC)));
        Set<QueryType> handled = new HashSet<>();
        handlers.forEach(handler -> handled.add(handler.type()));
        Map<QueryType, Map<String, QueryOutput>> byType = new LinkedHashMap<>();
        properties.getTypes().forEach((domain, names) -> names.forEach((name, type) -> {
            QueryType queryType = queryType(domain, name);
            if (!handled.contains(queryType)) {
                throw new InvalidEventSourcingConfigurationException("eventsourcing.queries.types." + domain + "."
                        + name + " names a query type no QueryHandler bean handles.", "Correct the domain and "
                        + "name to those of a QueryHandler's type (handled: " + handled + "), or remove it.");
            }
            Map<String, QueryOutput> ofType = new LinkedHashMap<>();
            for (String output : type.getOutputs()) {
                if (!outputs.containsKey(output)) {
                    throw new InvalidEventSourcingConfigurationException("eventsourcing.queries.types." + domain + "."
                            + name + ".outputs names the output '" + output + "', which is not configured.",
                            "Configure it as eventsourcing.queries.outputs." + output + ".webhook-url (or "
                                    + ".event-grid=true), or name one of " + outputs.keySet() + ".");
                }
                ofType.put(output, outputs.get(output));
            }
            byType.put(queryType, ofType);
        }));
        for (QueryHandler<?, ?> handler : handlers) {
            List<String> undeclared = QueryHandlers.undeclared(handler);
            if (!undeclared.isEmpty()) {
                throw new InvalidEventSourcingConfigurationException("Query handler " + handler.getClass().getName()
                        + " (" + handler.type() + ") declares no " + String.join(" and no ", undeclared) + ".",
                        "Implement " + undeclared.stream().map(method -> method + "() or " + method + "(P)")
                                .collect(Collectors.joining(", and ")) + " in it.");
            }
        }
        try {
            return new QueryHandlers(handlers, byType, projections, storageMapper);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventSourcingConfigurationException(e.getMessage() + ".",
                    "Give each query type one QueryHandler bean.");
        }
    }

    private static QueryType queryType(String domain, String name) {
        try {
            return QueryType.of(domain, name);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventSourcingConfigurationException("eventsourcing.queries.types." + domain + "." + name
                    + " is not a query type: " + e.getMessage() + ".", "Name a QueryHandler's domain and type.");
        }
    }

    private static Map<String, QueryOutput> outputs(QueryProperties properties, Supplier<QueryOutput> eventGrid) {
        Duration timeout = properties.getWebhookTimeout();
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidEventSourcingConfigurationException("eventsourcing.queries.webhook-timeout is "
                    + timeout + ": it must be positive.", "Set it to a positive duration, e.g. 10s.");
        }
        Map<String, QueryOutput> outputs = new LinkedHashMap<>();
        properties.getOutputs().forEach((name, output) -> {
            String property = "eventsourcing.queries.outputs." + name;
            if (name.isEmpty() || name.length() > MAX_OUTPUT_NAME_LENGTH || !name.chars().allMatch(c ->
                    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                            || c == '_')) {
                throw new InvalidEventSourcingConfigurationException(property + ": an output's name must be 1 to "
                        + MAX_OUTPUT_NAME_LENGTH + " letters, digits, '-' and '_'.", "Rename the output.");
            }
            if ((output.getWebhookUrl() == null) == !output.isEventGrid()) {
                throw new InvalidEventSourcingConfigurationException(property + " has " + (output.isEventGrid()
                        ? "both a webhook-url and event-grid=true" : "neither a webhook-url nor event-grid=true")
                        + ": an output is one of the two.", "Set either " + property
                        + ".webhook-url to the http(s) URL the results are POSTed to, or " + property
                        + ".event-grid=true; name two outputs for both.");
            }
            if (output.isEventGrid()) {
                outputs.put(name, eventGrid.get());
                return;
            }
            String scheme = output.getWebhookUrl().getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)
                    || output.getWebhookUrl().getHost() == null) {
                throw new InvalidEventSourcingConfigurationException(property + ".webhook-url is "
                        + output.getWebhookUrl() + ", not an absolute http(s) URL.",
                        "Set it to an absolute http or https URL, e.g. https://example.com/query-results.");
            }
            outputs.put(name, new WebhookOutput(output.getWebhookUrl(), timeout));
        });
        return outputs;
    }

    @Bean
    @ConditionalOnMissingBean(Queries.class)
    DefaultQueries queries(QueryHandlers handlers, Commands commands,
                           @Qualifier(EventSourcingAutoConfiguration.STORAGE_OBJECT_MAPPER_BEAN_NAME)
                           ObjectMapper storageMapper) {
        return new DefaultQueries(handlers, commands, storageMapper);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("queries")
    static class QueriesHealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "queriesHealthIndicator")
        QueriesHealthIndicator queriesHealthIndicator(QueryHandlers handlers, OpenCommandIndex index,
                                                      ObjectProvider<Clock> clock) {
            return new QueriesHealthIndicator(handlers, index, clock.getIfUnique(Clock::systemUTC));
        }
    }
}
