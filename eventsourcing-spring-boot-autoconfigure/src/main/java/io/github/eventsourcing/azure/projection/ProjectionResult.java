package io.github.eventsourcing.azure.projection;

import io.github.eventsourcing.azure.stream.StreamId;

import java.time.Instant;

/**
 * A projection's state after folding a stream.
 *
 * @param streamId     the stream folded
 * @param exists       false when the stream does not exist (the state is then the class's initial state)
 * @param state        the projection object after the fold
 * @param asOfSequence the sequence of the last event folded (0 when none)
 * @param asOfTime     the write time of the last event folded (null when none)
 */
public record ProjectionResult<S>(StreamId streamId, boolean exists, S state, long asOfSequence, Instant asOfTime) {
}
