package io.github.eventsourcing.azure.observation;

import io.github.eventsourcing.azure.stream.StreamId;
import io.micrometer.observation.Observation;

/** What an {@code eventsourcing.projection} observation knows about folding one stream into a projection. */
public final class ProjectionObservationContext extends Observation.Context {

    private final StreamId streamId;
    private final String projectionName;
    private final String backend;
    private long asOfSequence = -1;

    public ProjectionObservationContext(StreamId streamId, String projectionName, String backend) {
        this.streamId = streamId;
        this.projectionName = projectionName;
        this.backend = backend;
    }

    public StreamId streamId() {
        return streamId;
    }

    public String projectionName() {
        return projectionName;
    }

    public String backend() {
        return backend;
    }

    /** The sequence of the last event folded; -1 until the fold has completed. */
    public long asOfSequence() {
        return asOfSequence;
    }

    /** Records the sequence folded to; called by the instrumentation when the fold has completed. */
    public void asOfSequence(long sequence) {
        this.asOfSequence = sequence;
    }
}
