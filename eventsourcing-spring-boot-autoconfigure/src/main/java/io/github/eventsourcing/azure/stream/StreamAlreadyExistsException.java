package io.github.eventsourcing.azure.stream;

/** The append required a new stream, but the stream already holds events. */
public class StreamAlreadyExistsException extends EventStoreException {

    private final StreamId streamId;

    public StreamAlreadyExistsException(StreamId streamId) {
        super("Stream " + streamId + " already exists");
        this.streamId = streamId;
    }

    public StreamId streamId() {
        return streamId;
    }
}
