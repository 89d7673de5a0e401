package io.github.eventsourcing.azure.query;

/** Where a query is in its life. */
public enum QueryStatus {
    /** Started and not ended yet (running, or waiting for an instance to resume it). */
    RUNNING,
    /** Collated, and delivered to every output. */
    COMPLETED,
    /** A target kept failing, or the query was given up (cancelled, or its dead letter skipped). */
    FAILED
}
