package io.github.eventsourcing.azure.spi;

import io.github.eventsourcing.azure.stream.StreamId;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Work on a stream that kept failing and was set aside, kept in storage until someone retries or skips it (see
 * {@link DeadLetterStore}). General on purpose: each kind of background work files its letters under a kind of its
 * own, with what it needs to know in {@code details}, and has its own rules for retrying and skipping them. The
 * notification dispatcher files undeliverable notifications as kind {@value #NOTIFICATION}; the command runner files a
 * command whose step or compensation keeps failing as kind {@value #COMMAND}.
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
 * @param details       what the kind needs besides (for a command: {@value #STEP}); names are 1 to 32 letters and
 *                      digits starting with a lowercase letter; letters stored before details existed have none
 */
public record DeadLetter(String id, String kind, StreamId stream, long fromSequence, long toSequence, int attempts,
                         String lastError, Instant firstFailedAt, Instant lastFailedAt, Map<String, String> details) {

    /** The kind of notifications that could not be built or published. */
    public static final String NOTIFICATION = "notification";

    /**
     * The kind of a command whose step or compensation kept failing: {@code stream} is the command's stream, both
     * sequences the one at which it was set aside, and the detail {@value #STEP} names the step.
     */
    public static final String COMMAND = "command";

    /** The detail of a {@value #COMMAND} letter that names the step or compensation that kept failing. */
    public static final String STEP = "step";

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
        details = details == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(details));
        details.forEach((name, value) -> {
            if (!name.matches("[a-z][A-Za-z0-9]{0,31}") || value == null) {
                throw new IllegalArgumentException("A dead letter's detail names must be 1 to 32 letters and digits "
                        + "starting with a lowercase letter, with a value; was '" + name + "' = " + value);
            }
        });
    }

    /** A dead letter without details (a notification's). */
    public DeadLetter(String id, String kind, StreamId stream, long fromSequence, long toSequence, int attempts,
                      String lastError, Instant firstFailedAt, Instant lastFailedAt) {
        this(id, kind, stream, fromSequence, toSequence, attempts, lastError, firstFailedAt, lastFailedAt, Map.of());
    }

    /** The detail with this name; empty text when the letter has none. */
    public String detail(String name) {
        return details.getOrDefault(name, "");
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
