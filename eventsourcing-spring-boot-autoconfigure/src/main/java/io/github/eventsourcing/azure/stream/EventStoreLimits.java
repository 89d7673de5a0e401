package io.github.eventsourcing.azure.stream;

/**
 * The limits of one atomic append, the same on every backend. The defaults are set by the strictest backend,
 * Azure Table storage:
 * <ul>
 *   <li>{@code maxEventsPerAppend} = 49: an entity group transaction holds at most 100 entities; each event takes
 *       two (its row and its idempotency-id row), plus the stream's header row and the row that proves the
 *       expected version.</li>
 *   <li>{@code maxEventBytes} = 256 KiB: the UTF-8 JSON of one event, split over 64 KiB properties of a 1 MiB
 *       entity, and well under Event Grid's 1 MB per notification that carries it.</li>
 *   <li>{@code maxAppendBytes} = 2 MiB: all events of one append (JSON plus write context), leaving room for
 *       encoding inside the 4 MiB transaction (Table) or block (AppendBlob).</li>
 * </ul>
 * Limits may be configured lower, never higher.
 */
public record EventStoreLimits(int maxEventsPerAppend, int maxEventBytes, int maxAppendBytes) {

    private static final int DEFAULT_MAX_EVENTS = 49;
    private static final int DEFAULT_MAX_EVENT_BYTES = 256 * 1024;
    private static final int DEFAULT_MAX_APPEND_BYTES = 2 * 1024 * 1024;

    public static final EventStoreLimits DEFAULT = new EventStoreLimits(DEFAULT_MAX_EVENTS, DEFAULT_MAX_EVENT_BYTES,
            DEFAULT_MAX_APPEND_BYTES);

    public EventStoreLimits {
        if (maxEventsPerAppend < 1 || maxEventsPerAppend > DEFAULT_MAX_EVENTS) {
            throw new IllegalArgumentException("maxEventsPerAppend must be between 1 and " + DEFAULT_MAX_EVENTS
                    + " (Azure Table storage's transaction limit), was " + maxEventsPerAppend);
        }
        if (maxEventBytes < 1024 || maxEventBytes > DEFAULT_MAX_EVENT_BYTES) {
            throw new IllegalArgumentException("maxEventBytes must be between 1024 and " + DEFAULT_MAX_EVENT_BYTES
                    + ", was " + maxEventBytes);
        }
        if (maxAppendBytes < maxEventBytes || maxAppendBytes > DEFAULT_MAX_APPEND_BYTES) {
            throw new IllegalArgumentException("maxAppendBytes must be between maxEventBytes (" + maxEventBytes
                    + ") and " + DEFAULT_MAX_APPEND_BYTES + ", was " + maxAppendBytes);
        }
    }
}
