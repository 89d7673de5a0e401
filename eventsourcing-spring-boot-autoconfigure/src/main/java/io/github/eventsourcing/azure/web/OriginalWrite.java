package io.github.eventsourcing.azure.web;

import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.RecordedEvent;

import java.util.List;

/**
 * What the first request with an idempotency key wrote, for answering its repetitions.
 *
 * @param result the first run's appends as one result: from its first event's sequence to its last's, with
 *               {@code alreadyApplied} set. Fold projections {@code asOf(result.lastSequence())} to answer as of the
 *               original write, whatever was written since.
 * @param events the events the first run wrote, in order
 */
public record OriginalWrite(AppendResult result, List<RecordedEvent> events) {

    public OriginalWrite {
        events = List.copyOf(events);
    }

    /** The payload of the first event of the given type the original write appended. */
    public <T> T event(Class<T> type) {
        return events.stream().map(RecordedEvent::payload).filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("The original write appended no " + type.getName()));
    }
}
