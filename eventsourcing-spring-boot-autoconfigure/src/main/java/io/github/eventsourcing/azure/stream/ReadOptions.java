package io.github.eventsourcing.azure.stream;

import java.time.Instant;

/**
 * Which part of a stream to read: from a sequence, up to a sequence, and up to a time (inclusive). Because write
 * times never go backwards within a stream, "as of a time" is always a prefix of the stream.
 *
 * @param fromSequence first sequence to read (1 = the start)
 * @param toSequence   last sequence to read, inclusive ({@link Long#MAX_VALUE} = the end)
 * @param asOf         only events written at or before this instant; null for no limit
 */
public record ReadOptions(long fromSequence, long toSequence, Instant asOf) {

    public static final ReadOptions ALL = new ReadOptions(1, Long.MAX_VALUE, null);

    public ReadOptions {
        if (fromSequence < 1) {
            throw new IllegalArgumentException("fromSequence must be >= 1");
        }
        if (toSequence < 0) {
            throw new IllegalArgumentException("toSequence must be >= 0");
        }
    }

    public static ReadOptions all() {
        return ALL;
    }

    public static ReadOptions from(long sequence) {
        return ALL.withFromSequence(sequence);
    }

    public static ReadOptions upTo(long sequence) {
        return ALL.withToSequence(sequence);
    }

    public static ReadOptions asOf(Instant instant) {
        return ALL.withAsOf(instant);
    }

    public ReadOptions withFromSequence(long value) {
        return new ReadOptions(value, toSequence, asOf);
    }

    public ReadOptions withToSequence(long value) {
        return new ReadOptions(fromSequence, value, asOf);
    }

    public ReadOptions withAsOf(Instant value) {
        return new ReadOptions(fromSequence, toSequence, value);
    }
}
