package io.github.eventsourcing.azure.query.internal;

import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.command.internal.OpenBacklog;
import io.github.eventsourcing.azure.command.internal.OpenCommandIndex;
import io.github.eventsourcing.azure.query.QueryType;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The incomplete queries: how many, and the oldest (its query type, id and age), read from the index of open commands
 * they run as. UP whatever it finds, as for commands; their dead letters are among the commands'.
 */
public final class QueriesHealthIndicator extends AbstractHealthIndicator {

    private final QueryHandlers handlers;
    private final OpenCommandIndex index;
    private final Clock clock;

    public QueriesHealthIndicator(QueryHandlers handlers, OpenCommandIndex index, Clock clock) {
        super("Reading the index of open queries failed");
        this.handlers = handlers;
        this.index = index;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<CommandType, QueryType> types = handlers.types().stream()
                .collect(Collectors.toMap(QueryType::commandType, Function.identity()));
        OpenBacklog backlog = OpenBacklog.of(index, List.copyOf(types.keySet()),
                type -> types.get(type).toString(), clock);
        builder.up().withDetail("openQueries", backlog.open());
        if (backlog.oldest() != null) {
            builder.withDetail("oldestIncompleteQuery", backlog.oldest());
        }
    }
}
