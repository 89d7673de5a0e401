package io.github.eventsourcing.azure.stream;

import java.util.Objects;

/**
 * How to append: the version the caller expects the stream to be at (optimistic concurrency), what it requires
 * of the stream's existence, and the write context stored with the events.
 *
 * @param expectedVersion the number of events the caller believes the stream holds, or {@link ExpectedVersion#ANY}
 * @param constraint      what the append requires of the stream's existence
 * @param context         who, from where and why
 */
public record AppendOptions(long expectedVersion, ExistenceConstraint constraint, WriteContext context) {

    public static final AppendOptions DEFAULT = new AppendOptions(ExpectedVersion.ANY, ExistenceConstraint.LOOSE,
            WriteContext.EMPTY);

    public AppendOptions {
        Objects.requireNonNull(constraint, "constraint");
        Objects.requireNonNull(context, "context");
        if (expectedVersion < ExpectedVersion.ANY) {
            throw new IllegalArgumentException("expectedVersion must be >= 0, or ExpectedVersion.ANY");
        }
        if (constraint == ExistenceConstraint.MUST_BE_NEW && expectedVersion > 0) {
            throw new IllegalArgumentException("A stream that must be new cannot be expected at version "
                    + expectedVersion);
        }
        if (constraint == ExistenceConstraint.MUST_EXIST && expectedVersion == 0) {
            throw new IllegalArgumentException("A stream that must exist cannot be expected at version 0");
        }
    }

    public static AppendOptions defaults() {
        return DEFAULT;
    }

    public static AppendOptions expectingVersion(long version) {
        return DEFAULT.withExpectedVersion(version);
    }

    public static AppendOptions mustBeNew() {
        return DEFAULT.withConstraint(ExistenceConstraint.MUST_BE_NEW);
    }

    public static AppendOptions mustExist() {
        return DEFAULT.withConstraint(ExistenceConstraint.MUST_EXIST);
    }

    public AppendOptions withExpectedVersion(long version) {
        return new AppendOptions(version, constraint, context);
    }

    public AppendOptions withConstraint(ExistenceConstraint value) {
        return new AppendOptions(expectedVersion, value, context);
    }

    public AppendOptions withContext(WriteContext value) {
        return new AppendOptions(expectedVersion, constraint, value);
    }

    /** The expected version this append implies: a must-be-new append expects 0. */
    public long effectiveExpectedVersion() {
        return constraint == ExistenceConstraint.MUST_BE_NEW ? 0 : expectedVersion;
    }
}
