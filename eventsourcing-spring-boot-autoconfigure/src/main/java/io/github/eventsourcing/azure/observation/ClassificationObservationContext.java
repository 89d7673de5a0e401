package io.github.eventsourcing.azure.observation;

import io.github.eventsourcing.azure.stream.StreamId;
import io.micrometer.observation.Observation;

/**
 * What an {@code eventsourcing.classification} observation knows about classifying one stream, or every instance
 * of a domain/entity.
 */
public final class ClassificationObservationContext extends Observation.Context {

    /** Whether one stream or every instance of the domain/entity was classified. */
    public enum Scope {
        INSTANCE("instance"), ALL_INSTANCES("all-instances");

        private final String value;

        Scope(String value) {
            this.value = value;
        }

        /** The value of the {@code eventsourcing.classification.scope} key. */
        public String value() {
            return value;
        }
    }

    private final StreamId.StreamType streamType;
    private final String instanceKey;
    private final String classificationName;
    private final String backend;
    private long asOfSequence = -1;
    private Boolean included;

    /**
     * @param instanceKey null when every instance of the domain/entity is classified
     */
    public ClassificationObservationContext(StreamId.StreamType streamType, String instanceKey,
                                            String classificationName, String backend) {
        this.streamType = streamType;
        this.instanceKey = instanceKey;
        this.classificationName = classificationName;
        this.backend = backend;
    }

    public StreamId.StreamType streamType() {
        return streamType;
    }

    /** The classified instance, or null when every instance was classified. */
    public String instanceKey() {
        return instanceKey;
    }

    public Scope scope() {
        return instanceKey == null ? Scope.ALL_INSTANCES : Scope.INSTANCE;
    }

    public String classificationName() {
        return classificationName;
    }

    public String backend() {
        return backend;
    }

    /** The sequence of the last event folded; -1 until a single-instance classification has completed. */
    public long asOfSequence() {
        return asOfSequence;
    }

    /** Whether the instance was included; null until a single-instance classification has completed. */
    public Boolean included() {
        return included;
    }

    /** Records the outcome; called by the instrumentation when the classification has completed. */
    public void completed(long sequence, boolean wasIncluded) {
        this.asOfSequence = sequence;
        this.included = wasIncluded;
    }
}
