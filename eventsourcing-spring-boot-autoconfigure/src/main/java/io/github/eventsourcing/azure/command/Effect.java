package io.github.eventsourcing.azure.command;

import io.github.eventsourcing.azure.stream.StreamId;

/**
 * An effect of a step on another stream.
 *
 * @param target        the stream
 * @param eventId       its derived event id
 * @param sequence      where the event is in the target stream
 * @param alreadyStored true when an earlier run of the step had written it (the writer was not called)
 */
public record Effect(StreamId target, String eventId, long sequence, boolean alreadyStored) {
}
