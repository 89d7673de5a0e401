package io.github.eventsourcing.azure.query.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventsourcing.azure.command.CommandExecution;
import io.github.eventsourcing.azure.command.CommandInstance;
import io.github.eventsourcing.azure.command.CommandStatus;
import io.github.eventsourcing.azure.command.StepStatus;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.query.QueryInstance;
import io.github.eventsourcing.azure.query.QueryState;
import io.github.eventsourcing.azure.query.QueryStatus;
import io.github.eventsourcing.azure.query.QueryType;
import io.github.eventsourcing.azure.stream.StreamId;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One query; read through the execution state of its command, where the result and deliveries are recorded. */
final class DefaultQueryInstance implements QueryInstance {

    private final QueryType type;
    private final String id;
    private final Class<?> resultType;
    private final CommandInstance command;
    private final ObjectMapper mapper;

    DefaultQueryInstance(QueryType type, String id, Class<?> resultType, CommandInstance command,
                         ObjectMapper mapper) {
        this.type = type;
        this.id = id;
        this.resultType = resultType;
        this.command = command;
        this.mapper = mapper;
    }

    @Override
    public QueryType type() {
        return type;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public StreamId streamId() {
        return command.streamId();
    }

    @Override
    public Optional<QueryState> read() {
        ProjectionResult<CommandExecution> read = command.execution();
        if (!read.exists()) {
            return Optional.empty();
        }
        CommandExecution execution = read.state();
        Map<String, Instant> deliveries = new LinkedHashMap<>();
        for (CommandExecution.StepRecord step : execution.getSteps()) {
            if (step.name().startsWith(QueryCommandHandler.DELIVER_STEP_PREFIX)
                    && step.status() == StepStatus.COMPLETED) {
                deliveries.put(step.name().substring(QueryCommandHandler.DELIVER_STEP_PREFIX.length()), step.at());
            }
        }
        String result = execution.getOutputs().getOrDefault(QueryCommandHandler.COLLATE_STEP, Map.of())
                .get(QueryCommandHandler.RESULT_OUTPUT);
        return Optional.of(new QueryState(status(execution.getStatus()), execution.getReason(), result(result),
                deliveries, execution.getCreatedAt(), execution.getEndedAt()));
    }

    private static QueryStatus status(CommandStatus status) {
        return switch (status) {
            case PENDING -> QueryStatus.RUNNING;
            case COMPLETED -> QueryStatus.COMPLETED;
            case FAILED, COMPENSATED, CANCELLED -> QueryStatus.FAILED;
        };
    }

    private Object result(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, resultType);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("The recorded result of query " + type + " " + id + " is not a "
                    + resultType.getName(), e);
        }
    }

    @Override
    public CommandInstance command() {
        return command;
    }
}
