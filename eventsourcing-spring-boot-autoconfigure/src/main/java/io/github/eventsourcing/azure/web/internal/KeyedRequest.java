package io.github.eventsourcing.azure.web.internal;

import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.web.IdempotencyKeyReusedException;
import io.github.eventsourcing.azure.web.IdempotentRequest;
import io.github.eventsourcing.azure.web.OriginalWrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** A request with an idempotency key: looks for the key's first event before the write runs. */
final class KeyedRequest implements IdempotentRequest {

    private final IdempotencyScope scope;
    private final RequestFingerprint fingerprints;

    KeyedRequest(IdempotencyScope scope, RequestFingerprint fingerprints) {
        this.scope = scope;
        this.fingerprints = fingerprints;
    }

    @Override
    public Optional<String> key() {
        return Optional.of(scope.key());
    }

    @Override
    public Optional<String> scopedName() {
        return Optional.of(scope.name());
    }

    @Override
    public <T> T run(EventStream stream, Object request, Function<OriginalWrite, T> replay,
                     Function<EventStream, T> write) {
        String fingerprint = fingerprints.of(request);
        Optional<OriginalWrite> original = originalWrite(stream, fingerprint);
        if (original.isPresent()) {
            return replay.apply(original.get());
        }
        KeyedEventStream keyed = new KeyedEventStream(stream, scope, fingerprint);
        T answer;
        try {
            answer = write.apply(keyed);
        } catch (RuntimeException refused) {
            return originalWrite(stream, fingerprint).map(replay).orElseThrow(() -> refused);
        }
        // A concurrent run of the same request may have written after the look-up above: then this run's rules saw
        // its effect (and refused, or found nothing to do), or its append found the events stored. This request is
        // done either way, and answers as that run did. Only a run that wrote needs no second look.
        return keyed.wrote() ? answer : originalWrite(stream, fingerprint).map(replay).orElse(answer);
    }

    /** What the key wrote to the stream, when it did; refuses a different request with the same key. */
    private Optional<OriginalWrite> originalWrite(EventStream stream, String fingerprint) {
        Optional<RecordedEvent> first = stream.findEvent(scope.eventId(stream.id(), 0));
        if (first.isEmpty()) {
            return Optional.empty();
        }
        if (!Objects.equals(first.get().context().requestFingerprint(), fingerprint)) {
            throw new IdempotencyKeyReusedException("The " + HEADER + " '" + scope.key() + "' was already used "
                    + "for a different request to " + scope.method() + " " + scope.route() + "; nothing was written. "
                    + "Send a new key for a new request, or the original request to repeat it.");
        }
        List<RecordedEvent> events = new ArrayList<>(List.of(first.get()));
        for (int index = 1; ; index++) {
            Optional<RecordedEvent> next = stream.findEvent(scope.eventId(stream.id(), index));
            if (next.isEmpty()) {
                break;
            }
            events.add(next.get());
        }
        RecordedEvent last = events.get(events.size() - 1);
        AppendResult result = new AppendResult(first.get().sequence() == 1, first.get().sequence(), last.sequence(),
                true);
        return Optional.of(new OriginalWrite(result, events));
    }
}
