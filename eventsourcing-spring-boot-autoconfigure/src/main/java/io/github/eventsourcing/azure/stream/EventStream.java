package io.github.eventsourcing.azure.stream;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One event stream: the history of one instance of an entity. A stream exists once it holds at least one event.
 *
 * <p>Appends are atomic: all events of one call are written, at consecutive sequence numbers, or none is. At most
 * {@link EventStoreLimits#maxEventsPerAppend()} events and {@link EventStoreLimits#maxAppendBytes()} bytes go into
 * one atomic append; {@link #appendNonAtomically} writes longer lists in several atomic chunks.
 *
 * <p>Instances are cheap, hold no open resources and may be shared between threads.
 */
public interface EventStream {

    StreamId id();

    /** True when the stream holds at least one event (and has not been deleted). One storage round trip. */
    boolean exists();

    /** The number of events in the stream, 0 when it does not exist. One storage round trip. */
    long version();

    /** Appends events (plain objects or {@link NewEvent}s) at the end, creating the stream if needed. */
    default AppendResult append(Object... events) {
        return append(List.of(events), AppendOptions.DEFAULT);
    }

    /** Appends one event (a plain object or a {@link NewEvent}) with the given options. */
    default AppendResult append(Object event, AppendOptions options) {
        return append(List.of(event), options);
    }

    /**
     * Appends events atomically. Every event has an id (a {@link NewEvent}'s, or a random one for a plain object), and
     * an append whose ids are all stored already, with the same events, is a repeat: it writes nothing and reports the
     * original sequences with {@link AppendResult#alreadyApplied()}.
     *
     * @param events  1 or more plain event objects (each class annotated with {@link EventName}) or {@link NewEvent}s
     * @param options expected version, existence constraint and write context
     * @throws IllegalArgumentException       the list is empty (an append of no events is refused)
     * @throws ConcurrencyConflictException   the stream is not at the expected version
     * @throws StreamAlreadyExistsException   the stream must be new but exists
     * @throws StreamNotFoundException        the stream must exist but does not
     * @throws EventIdConflictException       an event id is already in the stream, but not as a repeat of this
     *                                        append (only some ids are, or with another event), or appears twice in
     *                                        the list; {@link EventIdConflictException#eventIds()} names them;
     *                                        nothing was written
     * @throws EventTooLargeException         an event is over the size limit; nothing was written
     * @throws AppendTooLargeException        the append is over the count or size limit; nothing was written
     * @throws BackendUnavailableException    storage could not be reached, and provably nothing was written
     * @throws AppendOutcomeUnknownException  whether the append was stored cannot be told, even after looking for its
     *                                        event ids for {@code eventsourcing.appends.outcome-check-timeout}; a repeat
     *                                        with the same event ids is safe
     */
    AppendResult append(List<?> events, AppendOptions options);

    /**
     * Appends any number of events in consecutive atomic chunks of at most the append limits. <b>Not atomic</b>:
     * when a chunk fails, the chunks before it stay written (each result lists what one chunk wrote). Each chunk
     * is appended at the end of the stream, so other writers' events may fall between chunks. Input the store would
     * refuse (an unregistered event type, an event over the size limit, an event id given twice) is refused before
     * the first chunk is written.
     *
     * @throws EventTooLargeException   an event is over the size limit; nothing was written
     * @throws EventIdConflictException an event id appears twice in the list, or is in the stream already with another
     *                                  event; {@link EventIdConflictException#eventIds()} names it
     */
    List<AppendResult> appendNonAtomically(List<?> events, WriteContext context);

    /** Reads the whole stream into memory; an empty list when the stream does not exist. */
    default List<RecordedEvent> read() {
        return read(ReadOptions.ALL);
    }

    /** Reads part of the stream into memory; an empty list when the stream does not exist. */
    List<RecordedEvent> read(ReadOptions options);

    /** Hands the events in order to the action without holding the stream in memory. */
    void forEach(ReadOptions options, Consumer<RecordedEvent> action);

    /**
     * The stream's event with this id, as {@link #read()} gives it; empty when the stream does not hold it. This is how
     * a retried write finds out whether its first attempt landed: appends are idempotent by event id, so a caller
     * that derives event ids from its own request (an idempotency key, a command step) can look for them first.
     * At most a few storage round trips, whatever the stream's length, on the Table and AppendBlob backends.
     */
    Optional<RecordedEvent> findEvent(String eventId);

    /**
     * Deletes the stream and all its events. Once this returns, appends that expect the stream fail and reads see
     * no stream; the same key may then start a new stream, which never sees the old events or event ids.
     *
     * @return true when there was a stream to delete
     */
    boolean delete();
}
