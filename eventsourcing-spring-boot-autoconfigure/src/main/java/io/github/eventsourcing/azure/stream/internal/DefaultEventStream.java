package io.github.eventsourcing.azure.stream.internal;

import io.github.eventsourcing.azure.spi.EventRecord;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.AppendTooLargeException;
import io.github.eventsourcing.azure.stream.EventIdConflictException;
import io.github.eventsourcing.azure.stream.EventStoreLimits;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventTooLargeException;
import io.github.eventsourcing.azure.stream.ExpectedVersion;
import io.github.eventsourcing.azure.stream.InvalidUnicodeException;
import io.github.eventsourcing.azure.stream.NewEvent;
import io.github.eventsourcing.azure.stream.ReadOptions;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** The backend-independent {@link EventStream}: validates limits, serializes, and delegates to the store. */
final class DefaultEventStream implements EventStream {

    private final StreamId id;
    private final EventStore store;
    private final EventSerializer serializer;
    private final EventStoreLimits limits;
    private final List<StreamChangeListener> listeners;
    private final NewStreamKeys newStreamKeys;
    private final StreamVersions versions;

    private final StreamAppends appends;

    DefaultEventStream(StreamId id, EventStore store, EventSerializer serializer, EventStoreLimits limits,
                       List<StreamChangeListener> listeners, NewStreamKeys newStreamKeys, StreamVersions versions,
                       StreamAppends appends) {
        this.id = id;
        this.store = store;
        this.serializer = serializer;
        this.limits = limits;
        this.listeners = listeners;
        this.newStreamKeys = newStreamKeys;
        this.versions = versions;
        this.appends = appends;
    }

    @Override
    public StreamId id() {
        return id;
    }

    @Override
    public boolean exists() {
        return version() > 0;
    }

    @Override
    public long version() {
        long version = store.version(id);
        versions.remember(id, version);
        return version;
    }

    @Override
    public AppendResult append(List<?> events, AppendOptions options) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("An append needs at least one event");
        }
        if (events.size() > limits.maxEventsPerAppend()) {
            throw new AppendTooLargeException("An atomic append takes at most " + limits.maxEventsPerAppend()
                    + " events, this one has " + events.size() + "; use appendNonAtomically for bulk writes");
        }
        List<EventRecord> records = new ArrayList<>(events.size());
        for (Object event : events) {
            records.add(serializeWithinLimits(asNewEvent(event), options.context()));
        }
        return appendRecords(records, options);
    }

    @Override
    public List<AppendResult> appendNonAtomically(List<?> events, WriteContext context) {
        // Every event is serialized and checked before the first chunk is written: input that would be refused
        // halfway (an unknown type, an oversized event, an id given twice) must not leave the first chunks behind.
        List<List<EventRecord>> chunks = new ArrayList<>();
        List<EventRecord> chunk = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        long chunkBytes = 0;
        for (Object event : events) {
            EventRecord record = serializeWithinLimits(asNewEvent(event), context);
            if (!ids.add(record.eventId())) {
                throw new EventIdConflictException("Event ids " + List.of(record.eventId()) + " appear twice in one "
                        + "bulk append; nothing was written", List.of(record.eventId()));
            }
            int size = sizeOf(record, context);
            if (!chunk.isEmpty() && (chunk.size() == limits.maxEventsPerAppend()
                    || chunkBytes + size > limits.maxAppendBytes())) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                chunkBytes = 0;
            }
            chunk.add(record);
            chunkBytes += size;
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        List<AppendResult> results = new ArrayList<>(chunks.size());
        for (List<EventRecord> records : chunks) {
            results.add(appendChunk(records, context, results));
        }
        return results;
    }

    /**
     * Appends one chunk of a bulk append at the end of the stream. The first chunk guesses the end as any append does;
     * each later one guesses the version the chunk before it left, which saves the backend from reading it (a round
     * trip per chunk on Azure Table storage), also without a version cache.
     */
    private AppendResult appendChunk(List<EventRecord> chunk, WriteContext context, List<AppendResult> before) {
        long guess = before.isEmpty() ? StreamVersions.UNKNOWN : before.get(before.size() - 1).lastSequence();
        return appendRecords(chunk, AppendOptions.DEFAULT.withContext(context), guess);
    }

    private AppendResult appendRecords(List<EventRecord> records, AppendOptions options) {
        return appendRecords(records, options, StreamVersions.UNKNOWN);
    }

    /**
     * @param guess where the stream probably ends, for an append that expects no version; {@link StreamVersions#UNKNOWN}
     *              to take what this process saw last
     */
    private AppendResult appendRecords(List<EventRecord> records, AppendOptions options, long guess) {
        Set<String> ids = new HashSet<>();
        long total = 0;
        for (EventRecord record : records) {
            if (!ids.add(record.eventId())) {
                throw new EventIdConflictException("Event ids " + List.of(record.eventId()) + " appear twice in one "
                        + "append; nothing was written", List.of(record.eventId()));
            }
            total += sizeOf(record, options.context());
        }
        if (total > limits.maxAppendBytes()) {
            throw new AppendTooLargeException("The append is " + total + " bytes as JSON with its write context; an "
                    + "atomic append takes at most " + limits.maxAppendBytes() + ". Use appendNonAtomically for bulk writes");
        }
        // Only a key the rule refuses costs a look at the stream: existing streams keep their keys.
        if (!newStreamKeys.allows(id.instanceKey()) && store.version(id) == 0) {
            throw newStreamKeys.refused(id);
        }
        long expected = options.effectiveExpectedVersion();
        return expected != ExpectedVersion.ANY
                ? appends.atVersion(id, store, records, expected, options.constraint(), options.context())
                : appends.atTheEnd(id, store, records, options.constraint(), options.context(), total, guess);
    }

    @Override
    public List<RecordedEvent> read(ReadOptions options) {
        List<RecordedEvent> events = new ArrayList<>();
        forEach(options, events::add);
        return events;
    }

    @Override
    public void forEach(ReadOptions options, Consumer<RecordedEvent> action) {
        if (options.toSequence() < options.fromSequence()) {
            return;
        }
        Instant[] previous = {Instant.MIN};
        long[] last = {0};
        boolean[] stopped = {false};
        store.read(id, options.fromSequence(), options.toSequence(), stored -> {
            // Clocks of different writers may disagree; a stream's write times are kept non-decreasing on read so
            // that "as of a time" is always a prefix of the stream.
            Instant writtenAt = stored.writtenAt().isBefore(previous[0]) ? previous[0] : stored.writtenAt();
            if (options.asOf() != null && writtenAt.isAfter(options.asOf())) {
                stopped[0] = true;
                return false;
            }
            last[0] = stored.sequence();
            previous[0] = writtenAt;
            action.accept(recorded(stored, writtenAt));
            return true;
        });
        // A read to the end saw the stream's version: its last event, or none of a stream read from the start.
        if (!stopped[0] && options.toSequence() == Long.MAX_VALUE && (last[0] > 0 || options.fromSequence() == 1)) {
            versions.remember(id, last[0]);
        }
    }

    @Override
    public Optional<RecordedEvent> findEvent(String eventId) {
        Objects.requireNonNull(eventId, "eventId");
        return store.findEvent(id, eventId).map(stored -> recorded(stored, stored.writtenAt()));
    }

    private RecordedEvent recorded(StoredEvent stored, Instant writtenAt) {
        EventSerializer.Decoded decoded = serializer.deserialize(id, stored);
        return new RecordedEvent(id, stored.sequence(), stored.eventId(), decoded.eventName(),
                decoded.schemaVersion(), writtenAt, stored.context(), decoded.payload());
    }

    @Override
    public boolean delete() {
        boolean deleted = store.delete(id);
        versions.remember(id, 0);
        if (deleted) {
            listeners.forEach(listener -> listener.deleted(id));
        }
        return deleted;
    }

    private EventRecord serializeWithinLimits(NewEvent event, WriteContext context) {
        EventRecord record = serializer.serialize(event);
        requireValidUnicode(record, context);
        int size = sizeOf(record, context);
        if (size > limits.maxEventBytes()) {
            throw new EventTooLargeException("Event '" + record.eventName() + "' is " + size
                    + " bytes as JSON with its write context; at most " + limits.maxEventBytes()
                    + " are allowed. Store large content elsewhere (e.g. a blob) and put its reference in the event");
        }
        return record;
    }

    /**
     * Refuses text that is not valid Unicode. Jackson writes a lone surrogate into JSON as an escape, so the JSON is
     * well-formed and every backend would store it; but the event could then never be announced, and would hold up
     * the notifications of its stream after it. (Event ids are printable ASCII, checked by NewEvent.)
     */
    private static void requireValidUnicode(EventRecord record, WriteContext context) {
        if (UnicodeText.jsonHoldsUnpairedSurrogate(record.data())) {
            throw new InvalidUnicodeException("Event '" + record.eventName() + "' holds text that is not valid Unicode"
                    + " (a UTF-16 surrogate without its pair); nothing was written");
        }
        List<String> names = List.of("who", "source", "commentary", "correlationId", "causationId", "traceParent",
                "requestFingerprint");
        List<String> values = contextValues(context);
        for (int i = 0; i < values.size(); i++) {
            requireValidUnicode("write context's " + names.get(i), values.get(i));
        }
    }

    private static void requireValidUnicode(String what, String value) {
        int at = UnicodeText.firstUnpairedSurrogate(value);
        if (at >= 0) {
            throw new InvalidUnicodeException("The " + what + " is not valid Unicode: it holds a UTF-16 surrogate "
                    + "without its pair at position " + at + "; nothing was written");
        }
    }

    private static NewEvent asNewEvent(Object event) {
        if (event == null) {
            throw new IllegalArgumentException("An event must not be null");
        }
        return event instanceof NewEvent newEvent ? newEvent : NewEvent.of(event);
    }

    /** The size an event counts against the limits: its JSON plus the write context stored with it. */
    static int sizeOf(EventRecord record, WriteContext context) {
        int size = record.data().length + utf8(record.eventName()) + utf8(record.eventId());
        for (String value : contextValues(context)) {
            size += utf8(value);
        }
        return size;
    }

    /** The values of a write context, in the order of its components. */
    private static List<String> contextValues(WriteContext context) {
        return Arrays.asList(context.who(), context.source(), context.commentary(), context.correlationId(),
                context.causationId(), context.traceParent(), context.requestFingerprint());
    }

    private static int utf8(String value) {
        return value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
    }
}
