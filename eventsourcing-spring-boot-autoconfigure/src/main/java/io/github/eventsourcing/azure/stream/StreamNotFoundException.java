package io.github.eventsourcing.azure.stream;

/** The operation required an existing stream, but the stream does not exist or was deleted. */
public class StreamNotFoundException extends EventStoreException {

    private final StreamId streamId;

    public StreamNotFoundException(StreamId streamId) {
        super("Stream " + streamId + " does not exist");
        this.streamId = streamId;
    }

    public StreamId streamId() {
        return streamId;
    }
}
