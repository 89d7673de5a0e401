package io.github.eventsourcing.azure.observation;

import io.github.eventsourcing.azure.stream.StreamId;
import io.micrometer.observation.Observation;

/** What an {@code eventsourcing.store} observation knows about one call to a storage backend. */
public final class EventStoreObservationContext extends Observation.Context {

    /** The backend call observed. */
    public enum Operation {
        APPEND("append"), READ("read"), VERSION("version"), DELETE("delete"), INSTANCE_KEYS("instance-keys"), FIND_EVENT("find-event");

        private final String value;

        Operation(String value) {
            this.value = value;
        }

        /** The value of the {@code eventsourcing.operation} key. */
        public String value() {
            return value;
        }
    }

    private final Operation operation;
    private final StreamId.StreamType streamType;
    private final String instanceKey;
    private final String backend;
    private long events = -1;

    /**
     * @param instanceKey null for operations on a whole domain/entity ({@link Operation#INSTANCE_KEYS})
     */
    public EventStoreObservationContext(Operation operation, StreamId.StreamType streamType, String instanceKey,
                                        String backend) {
        this.operation = operation;
        this.streamType = streamType;
        this.instanceKey = instanceKey;
        this.backend = backend;
    }

    public Operation operation() {
        return operation;
    }

    public StreamId.StreamType streamType() {
        return streamType;
    }

    /** The instance key, or null when the operation concerns every instance of the domain/entity. */
    public String instanceKey() {
        return instanceKey;
    }

    public String backend() {
        return backend;
    }

    /** How many events were appended or read so far; -1 when the operation does not move events. */
    public long events() {
        return events;
    }

    /** Records how many events moved; called by the instrumentation as the operation goes on. */
    public void events(long count) {
        this.events = count;
    }
}
