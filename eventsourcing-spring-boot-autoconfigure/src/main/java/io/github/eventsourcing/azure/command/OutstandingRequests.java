package io.github.eventsourcing.azure.command;

import io.github.eventsourcing.azure.command.event.ProjectionRequested;
import io.github.eventsourcing.azure.command.event.ProjectionValueReturned;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionName;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The projections a command requested (through {@link StepContext#project}) whose value has not been returned. */
@ProjectionName("Outstanding Requests")
public class OutstandingRequests {

    private final Map<String, ProjectionRequested> outstanding = new LinkedHashMap<>();

    @EventHandler
    public void on(ProjectionRequested requested) {
        outstanding.put(requested.requestId(), requested);
    }

    @EventHandler
    public void on(ProjectionValueReturned returned) {
        outstanding.remove(returned.requestId());
    }

    public List<ProjectionRequested> getRequests() {
        return List.copyOf(outstanding.values());
    }
}
