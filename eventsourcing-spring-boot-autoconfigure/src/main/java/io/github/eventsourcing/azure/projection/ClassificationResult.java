package io.github.eventsourcing.azure.projection;

import io.github.eventsourcing.azure.stream.StreamId;

import java.time.Instant;

/**
 * A classification's answer after folding a stream.
 *
 * @param streamId         the stream folded
 * @param exists           false when the stream does not exist
 * @param included         whether the instance is in the class as of the last event folded
 * @param wasEverIncluded  whether any event put it in the class
 * @param wasEverExcluded  whether any event took it out of the class
 * @param state            the classification object after the fold (to resume from)
 * @param asOfSequence     the sequence of the last event folded (0 when none)
 * @param asOfTime         the write time of the last event folded (null when none)
 */
public record ClassificationResult<C>(StreamId streamId, boolean exists, boolean included, boolean wasEverIncluded,
                                      boolean wasEverExcluded, C state, long asOfSequence, Instant asOfTime) {
}
