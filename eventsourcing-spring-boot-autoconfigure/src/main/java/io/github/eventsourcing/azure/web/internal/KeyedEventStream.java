package io.github.eventsourcing.azure.web.internal;

import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.NewEvent;
import io.github.eventsourcing.azure.stream.ReadOptions;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The stream a keyed write appends to: each event it appends gets the key's next event id, and each append the
 * request's fingerprint in its write context. An append that fails wrote nothing, so its ids are used again by the
 * next attempt (a decision retried after a concurrency conflict keeps the ids a retry of the request will look for).
 */
final class KeyedEventStream implements EventStream {

    private final EventStream stream;
    private final IdempotencyScope scope;
    private final String fingerprint;
    private int nextIndex;
    private boolean wrote;

    KeyedEventStream(EventStream stream, IdempotencyScope scope, String fingerprint) {
        this.stream = stream;
        this.scope = scope;
        this.fingerprint = fingerprint;
    }

    /**
     * True when an append wrote events. False when none was made, or each found its events already stored (a
     * concurrent run of the same request wrote them first).
     */
    boolean wrote() {
        return wrote;
    }

    @Override
    public AppendResult append(List<?> events, AppendOptions options) {
        AppendResult result = stream.append(keyed(events), options.withContext(fingerprinted(options.context())));
        nextIndex += events.size();
        wrote |= !result.alreadyApplied();
        return result;
    }

    @Override
    public List<AppendResult> appendNonAtomically(List<?> events, WriteContext context) {
        List<AppendResult> results = stream.appendNonAtomically(keyed(events), fingerprinted(context));
        nextIndex += events.size();
        wrote |= results.stream().anyMatch(result -> !result.alreadyApplied());
        return results;
    }

    private List<NewEvent> keyed(List<?> events) {
        List<NewEvent> keyed = new ArrayList<>(events.size());
        for (Object event : events) {
            Object payload = event instanceof NewEvent newEvent ? newEvent.payload() : event;
            keyed.add(NewEvent.of(payload, scope.eventId(stream.id(), nextIndex + keyed.size())));
        }
        return keyed;
    }

    private WriteContext fingerprinted(WriteContext context) {
        return context.withRequestFingerprint(fingerprint);
    }

    @Override
    public StreamId id() {
        return stream.id();
    }

    @Override
    public boolean exists() {
        return stream.exists();
    }

    @Override
    public long version() {
        return stream.version();
    }

    @Override
    public List<RecordedEvent> read(ReadOptions options) {
        return stream.read(options);
    }

    @Override
    public void forEach(ReadOptions options, Consumer<RecordedEvent> action) {
        stream.forEach(options, action);
    }

    @Override
    public Optional<RecordedEvent> findEvent(String eventId) {
        return stream.findEvent(eventId);
    }

    @Override
    public boolean delete() {
        return stream.delete();
    }
}
