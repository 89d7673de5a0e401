package io.github.eventsourcing.azure.projection;

import java.time.Instant;

/**
 * How far to fold and where to start.
 *
 * @param asOfSequence fold events up to and including this sequence ({@link Long#MAX_VALUE}: all)
 * @param asOfTime     fold only events written at or before this instant (null: no limit)
 * @param resumeFrom   a result computed earlier for the same stream and class: the fold continues with the event
 *                     after its {@code asOfSequence}, applying each event exactly once (null: from the start)
 */
public record ProjectionOptions(long asOfSequence, Instant asOfTime, ProjectionResult<?> resumeFrom) {

    public static final ProjectionOptions LATEST = new ProjectionOptions(Long.MAX_VALUE, null, null);

    public static ProjectionOptions latest() {
        return LATEST;
    }

    public static ProjectionOptions asOf(long sequence) {
        return new ProjectionOptions(sequence, null, null);
    }

    public static ProjectionOptions asOf(Instant time) {
        return new ProjectionOptions(Long.MAX_VALUE, time, null);
    }

    public static ProjectionOptions resumingFrom(ProjectionResult<?> previous) {
        return new ProjectionOptions(Long.MAX_VALUE, null, previous);
    }
}
