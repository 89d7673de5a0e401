package io.github.eventsourcing.azure.stream;

import java.net.URI;
import java.util.List;

/**
 * Whether an append was stored cannot be told: every attempt to send it failed in a way that leaves its outcome open
 * (a timeout, a connection lost after sending, an error answer after an earlier attempt that may have landed), and
 * looking for its event ids afterwards, for as long as the outcome check allows, did not find them nor could prove
 * that they will never land. The events may be stored now or later, or never.
 *
 * <p>Repeating the append with the same event ids is safe: if it was stored, the repeat reports it as already applied;
 * if not, the repeat writes it. Never treat this as "nothing was written".
 */
public class AppendOutcomeUnknownException extends EventStoreException {

    /**
     * The {@code type} of the problem detail (RFC 9457) that answers this exception over HTTP, with status 504 and
     * {@code "outcome": "unknown"}: a client can tell it from every "nothing was written" failure by it.
     */
    public static final URI PROBLEM_TYPE = URI.create("urn:eventsourcing-azure:problem:append-outcome-unknown");

    private final StreamId streamId;
    private final List<String> eventIds;

    /**
     * @param eventIds the ids of the append's events, in order
     */
    public AppendOutcomeUnknownException(String message, StreamId streamId, List<String> eventIds, Throwable cause) {
        super(message, cause);
        this.streamId = streamId;
        this.eventIds = List.copyOf(eventIds);
    }

    /** The stream the append was for. */
    public StreamId streamId() {
        return streamId;
    }

    /** The ids of the append's events: look for them (e.g. with {@link EventStream#findEvent}) or repeat with them. */
    public List<String> eventIds() {
        return eventIds;
    }
}
