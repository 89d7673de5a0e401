package io.github.eventsourcing.azure.stream;

/**
 * A read of a stream was under way while the stream was deleted and created anew, so what it returned may mix events
 * of both. Rare (it takes a deletion and a re-creation of the key between two pages of one read); reading again gives
 * the new stream alone.
 */
public class StreamRecreatedDuringReadException extends EventStoreException {

    private final StreamId streamId;

    public StreamRecreatedDuringReadException(StreamId streamId) {
        super("Stream " + streamId + " was deleted and created anew while it was being read, so the events read may "
                + "mix both; read it again");
        this.streamId = streamId;
    }

    public StreamId streamId() {
        return streamId;
    }
}
