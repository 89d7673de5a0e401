package io.github.eventsourcing.azure.command;

import io.github.eventsourcing.azure.projection.ProjectionOptions;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;

/** One command, by address; each method reads or writes its stream. */
public interface CommandInstance {

    CommandType type();

    String id();

    StreamId streamId();

    boolean exists();

    default ProjectionResult<CommandExecution> execution() {
        return execution(ProjectionOptions.LATEST);
    }

    ProjectionResult<CommandExecution> execution(ProjectionOptions options);

    /** The parameters as the handler's parameter class. */
    <P> P parameters(Class<P> type);

    /**
     * Asks the command to stop at its next step boundary and undo its completed steps. A cancellation that arrives
     * after the last step completed changes nothing: the command ends completed.
     */
    CancelOutcome cancel(WriteContext context);
}
