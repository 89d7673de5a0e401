package io.github.eventsourcing.azure.command.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventsourcing.azure.command.CommandIdConflictException;
import io.github.eventsourcing.azure.command.CommandInstance;
import io.github.eventsourcing.azure.command.CommandParameters;
import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.command.Commands;
import io.github.eventsourcing.azure.command.event.CommandCreated;
import io.github.eventsourcing.azure.command.event.ParameterValueSet;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamAlreadyExistsException;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Starts commands (recording them, entering them in the index, running them here) and opens them by id. */
public final class DefaultCommands implements Commands {

    /** Numbers equal in value are equal parameters, whatever their scale or JSON type ({@code 10} and {@code 10.0}). */
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    private final EventStreams streams;
    private final Projections projections;
    private final CommandHandlers handlers;
    private final OpenCommandIndex index;
    private final RecentCommandList recent;
    private final CommandRunner runner;
    private final ObjectMapper mapper;

    public DefaultCommands(EventStreams streams, Projections projections, CommandHandlers handlers,
                           OpenCommandIndex index, RecentCommandList recent, CommandRunner runner,
                           ObjectMapper mapper) {
        this.streams = streams;
        this.projections = projections;
        this.handlers = handlers;
        this.index = index;
        this.recent = recent;
        this.runner = runner;
        this.mapper = mapper;
    }

    @Override
    public CommandInstance start(CommandType type, String commandId, Object parameters, WriteContext context) {
        Class<?> parametersType = handlers.get(type).handler().parametersType();
        if (!parametersType.isInstance(parameters)) {
            throw new IllegalArgumentException("The parameters of " + type + " are a " + parametersType.getName()
                    + ", not " + (parameters == null ? "null" : parameters.getClass().getName()));
        }
        StreamId command = type.instance(commandId);
        // Listed before it is recorded: a listed id that was never recorded is skipped by readers, while a recorded
        // command missing from the list would stay missing. First of all, so that neither the index entry's wait for
        // its command nor the new command's claim includes this write.
        recent.enter(type, commandId);
        ObjectNode values = mapper.valueToTree(parameters);
        List<Object> events = new ArrayList<>();
        events.add(new CommandCreated(type.name()));
        values.fields().forEachRemaining(field -> events.add(new ParameterValueSet(field.getKey(), field.getValue())));
        events.add(runner.initialClaim());
        // The index entry first: a start that fails after it leaves an entry the resume check clears, while a command
        // written without its entry would never be found.
        index.open(type, commandId);
        try {
            streams.stream(command).append(events, AppendOptions.mustBeNew().withContext(context));
        } catch (StreamAlreadyExistsException e) {
            Map<String, JsonNode> stored = projections.project(command, CommandParameters.class).state().getValues();
            if (!mapper.valueToTree(stored).equals(SAME_VALUE, values)) {
                throw new CommandIdConflictException(command);
            }
        }
        runner.submit(type, commandId);
        return instance(type, commandId);
    }

    @Override
    public CommandInstance instance(CommandType type, String commandId) {
        return new DefaultCommandInstance(type, commandId, streams, projections, runner);
    }

    @Override
    public List<String> openCommandIds(CommandType type) {
        return index.openIds(type);
    }

    @Override
    public List<String> recentCommandIds(CommandType type, int limit) {
        return recent.latest(type, limit);
    }

    @Override
    public List<CommandType> types() {
        return handlers.types();
    }
}
