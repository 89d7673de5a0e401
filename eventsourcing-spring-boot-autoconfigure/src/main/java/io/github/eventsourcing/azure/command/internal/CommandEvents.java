package io.github.eventsourcing.azure.command.internal;

import io.github.eventsourcing.azure.command.event.CommandCancellationRequested;
import io.github.eventsourcing.azure.command.event.CommandCancelled;
import io.github.eventsourcing.azure.command.event.CommandClaimRenewed;
import io.github.eventsourcing.azure.command.event.CommandClaimed;
import io.github.eventsourcing.azure.command.event.CommandCompleted;
import io.github.eventsourcing.azure.command.event.CommandCreated;
import io.github.eventsourcing.azure.command.event.CommandDeadLettered;
import io.github.eventsourcing.azure.command.event.CommandFailed;
import io.github.eventsourcing.azure.command.event.CommandListPageOpened;
import io.github.eventsourcing.azure.command.event.CommandListed;
import io.github.eventsourcing.azure.command.event.CommandOpened;
import io.github.eventsourcing.azure.command.event.CommandRetried;
import io.github.eventsourcing.azure.command.event.CommandStepCompleted;
import io.github.eventsourcing.azure.command.event.CommandStepFailed;
import io.github.eventsourcing.azure.command.event.CommandStepInitiated;
import io.github.eventsourcing.azure.command.event.CommandStepSkipped;
import io.github.eventsourcing.azure.command.event.FatalErrorOccurred;
import io.github.eventsourcing.azure.command.event.InstanceOutcomesRecorded;
import io.github.eventsourcing.azure.command.event.ParameterValueSet;
import io.github.eventsourcing.azure.command.event.ProjectionRequested;
import io.github.eventsourcing.azure.command.event.ProjectionValueReturned;

import java.util.List;

/** The event classes of command streams and their indexes. */
public final class CommandEvents {

    /** To register before any is read (another instance may have written them). */
    public static final List<Class<?>> TYPES = List.of(CommandCreated.class, ParameterValueSet.class,
            CommandClaimed.class, CommandClaimRenewed.class, CommandStepInitiated.class, CommandStepCompleted.class,
            CommandStepFailed.class, ProjectionRequested.class, ProjectionValueReturned.class,
            CommandCancellationRequested.class, FatalErrorOccurred.class, CommandCompleted.class, CommandFailed.class,
            CommandCancelled.class, CommandOpened.class, CommandListed.class, CommandListPageOpened.class,
            InstanceOutcomesRecorded.class, CommandDeadLettered.class, CommandRetried.class, CommandStepSkipped.class);

    private CommandEvents() {
    }
}
