package io.github.eventsourcing.azure.stream;

/** Special values for the expected version of an append. Versions count events: 0 is an empty stream. */
public final class ExpectedVersion {

    /** No expectation: append at the end, whatever the version is. */
    public static final long ANY = -1;

    /** The stream must be empty (not exist). */
    public static final long NEW_STREAM = 0;

    private ExpectedVersion() {
    }
}
