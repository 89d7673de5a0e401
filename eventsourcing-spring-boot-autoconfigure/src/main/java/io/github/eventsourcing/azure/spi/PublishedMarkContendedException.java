package io.github.eventsourcing.azure.spi;

import io.github.eventsourcing.azure.stream.EventStoreException;
import io.github.eventsourcing.azure.stream.StreamId;

/**
 * {@link ChangeFeed#markPublished} lost the race for the stream's bookkeeping on every attempt: appends, deletions or
 * other dispatchers changed it each time. Routine on a busy stream, and harmless: the notifications went out, nothing
 * is lost, and the dispatcher remembers what it published and retries only the mark, quietly, without pausing other
 * streams and without publishing again; a mark that stays behind shows in the notification backlog.
 */
public class PublishedMarkContendedException extends EventStoreException {

    public PublishedMarkContendedException(StreamId streamId, int attempts) {
        super("Could not record the published notifications of stream " + streamId + ": it changed during each of "
                + attempts + " attempts");
    }
}
