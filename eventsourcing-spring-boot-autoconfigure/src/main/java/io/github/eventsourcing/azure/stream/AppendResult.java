package io.github.eventsourcing.azure.stream;

/**
 * What an append wrote.
 *
 * @param streamCreated  true when this append created the stream (its first event is sequence 1)
 * @param firstSequence  sequence number of the first event written
 * @param lastSequence   sequence number of the last event written: the stream's version after the append
 * @param alreadyApplied true when every event id was already in the stream at these sequences (an idempotent
 *                       retry): nothing new was written and the original outcome is reported
 */
public record AppendResult(boolean streamCreated, long firstSequence, long lastSequence, boolean alreadyApplied) {

    public int eventCount() {
        return (int) (lastSequence - firstSequence + 1);
    }

    public long version() {
        return lastSequence;
    }
}
