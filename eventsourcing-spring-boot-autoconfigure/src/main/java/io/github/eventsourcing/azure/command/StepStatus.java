package io.github.eventsourcing.azure.command;

/** Where a step is: started and not finished, finished, or failed in its latest run. */
public enum StepStatus {
    RUNNING,
    COMPLETED,
    FAILED
}
