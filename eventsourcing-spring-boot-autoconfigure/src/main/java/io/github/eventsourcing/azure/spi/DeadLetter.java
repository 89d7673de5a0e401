package io.github.eventsourcing.azure.spi;

import io.github.eventsourcing.azure.stream.StreamId;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Work on a stream that kept failing and was set aside, kept in storage until someone retries or skips it (see
 * {@link DeadLetterStore}). General on purpose: the notification dispatcher files undeliverable notifications as
 * kind {@value #NOTIFICATION}; other kinds of background work can file theirs the same way.
 *
 * @param id            unique among the store's dead letters; letters, digits and {@code -} only, so that every
 *                      backend can use it as a key
 * @param kind          what failed, e.g. {@value #NOTIFICATION}
 * @param stream        the stream the work was about
 * @param fromSequence  the first event sequence concerned (for notifications: the first one not published)
 * @param toSequence    the last event sequence concerned; below {@code fromSequence} when no event is (for
 *                      notifications: only deletions of earlier incarnations of the key were pending)
 * @param attempts      how many times the work was tried
 * @param lastError     the last failure's message
 * @param firstFailedAt when the first of these attempts failed
 * @param lastFailedAt  when the last one did
 */
public record DeadLetter(String id, String kind, StreamId stream, long fromSequence, long toSequence, int attempts,
                         String lastError, Instant firstFailedAt, Instant lastFailedAt) {

    /** The kind of notifications that could not be built or published. */
    public static final String NOTIFICATION = "notification";

    /** The longest {@code lastError} kept: storage rows and metadata have limits, and the start says enough. */
    public static final int MAX_ERROR_LENGTH = 4_000;

    public DeadLetter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(firstFailedAt, "firstFailedAt");
        Objects.requireNonNull(lastFailedAt, "lastFailedAt");
        if (!isValidId(id) || !kind.matches("[a-z][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("A dead letter's id must be 1 to 64 letters, digits or '-', and its "
                    + "kind 1 to 32 lowercase letters, digits or '-'; were '" + id + "' and '" + kind + "'");
        }
        lastError = lastError == null ? "" : lastError.length() > MAX_ERROR_LENGTH
                ? lastError.substring(0, MAX_ERROR_LENGTH) : lastError;
    }

    /** Whether the text can be a dead letter's id (anything else names none). */
    public static boolean isValidId(String id) {
        return id != null && id.matches("[A-Za-z0-9-]{1,64}");
    }

    /** The id of the dead letter of this kind, stream and first sequence: the same in every process. */
    public static String idOf(String kind, StreamId stream, long fromSequence) {
        String name = kind + "\n" + stream.domain() + "\n" + stream.entityType() + "\n" + stream.instanceKey() + "\n"
                + fromSequence;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
