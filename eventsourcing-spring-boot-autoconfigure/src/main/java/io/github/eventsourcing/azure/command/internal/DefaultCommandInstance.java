package io.github.eventsourcing.azure.command.internal;

import io.github.eventsourcing.azure.command.CancelOutcome;
import io.github.eventsourcing.azure.command.CommandExecution;
import io.github.eventsourcing.azure.command.CommandInstance;
import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.command.event.CommandCancellationRequested;
import io.github.eventsourcing.azure.projection.ProjectionOptions;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.ConcurrencyConflictException;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;

/** One command by address. */
final class DefaultCommandInstance implements CommandInstance {

    private final CommandType type;
    private final String id;
    private final StreamId streamId;
    private final EventStreams streams;
    private final Projections projections;
    private final CommandRunner runner;

    DefaultCommandInstance(CommandType type, String id, EventStreams streams, Projections projections,
                           CommandRunner runner) {
        this.type = type;
        this.id = id;
        this.streamId = type.instance(id);
        this.streams = streams;
        this.projections = projections;
        this.runner = runner;
    }

    @Override
    public CommandType type() {
        return type;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public StreamId streamId() {
        return streamId;
    }

    @Override
    public boolean exists() {
        return streams.stream(streamId).exists();
    }

    @Override
    public ProjectionResult<CommandExecution> execution(ProjectionOptions options) {
        return projections.project(streamId, CommandExecution.class, options);
    }

    @Override
    public <P> P parameters(Class<P> parametersType) {
        return runner.parameters(streamId, parametersType);
    }

    /**
     * Appended at the version read, so that it is decided on the state it was judged by: a command that ended in
     * between answers {@link CancelOutcome#ALREADY_ENDED} instead of recording a request nobody will read.
     */
    @Override
    public CancelOutcome cancel(WriteContext context) {
        ProjectionResult<CommandExecution> state = execution();
        while (true) {
            if (!state.exists()) {
                return CancelOutcome.NOT_FOUND;
            }
            if (state.state().getStatus().isTerminal()) {
                return CancelOutcome.ALREADY_ENDED;
            }
            if (state.state().isCancellationRequested()) {
                return CancelOutcome.REQUESTED;
            }
            try {
                streams.stream(streamId).append(new CommandCancellationRequested(context.who()),
                        AppendOptions.expectingVersion(state.asOfSequence()).withContext(context));
                return CancelOutcome.REQUESTED;
            } catch (ConcurrencyConflictException e) {
                state = projections.project(streamId, CommandExecution.class, ProjectionOptions.resumingFrom(state));
            }
        }
    }
}
