package io.github.eventsourcing.azure.stream;

/** The stream was not at the version the append expected: someone else wrote first. Re-read and decide again. */
public class ConcurrencyConflictException extends EventStoreException {

    private final StreamId streamId;
    private final long expectedVersion;
    private final long actualVersion;

    public ConcurrencyConflictException(StreamId streamId, long expectedVersion, long actualVersion) {
        super("Stream " + streamId + " is at version " + actualVersion + ", but the append expected version "
                + expectedVersion);
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    public StreamId streamId() {
        return streamId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    /** The version found when the conflict was detected (the stream may have moved on since). */
    public long actualVersion() {
        return actualVersion;
    }
}
