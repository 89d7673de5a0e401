package io.github.eventsourcing.azure.stream.internal;

import io.github.eventsourcing.azure.concurrent.internal.Backoff;
import io.github.eventsourcing.azure.spi.AppendRequest;
import io.github.eventsourcing.azure.spi.EventRecord;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.AppendOutcomeUnknownException;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.BackendUnavailableException;
import io.github.eventsourcing.azure.stream.EventStoreException;
import io.github.eventsourcing.azure.stream.StreamId;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * What an append whose outcome is unknown did, found out after the fact: the one place, for every backend, that turns
 * "every attempt to send it failed, but one may have landed" into an answer.
 *
 * <p>A backend raises {@link AppendOutcomeUnknownException} only when an attempt may have reached the service (a
 * timeout, a connection lost after sending, an error answer that may follow an earlier attempt of the client's own
 * retries); a failure that proves nothing was sent stays a {@link BackendUnavailableException} (see
 * {@link #unknownUnlessNotSent}). For the unknown case this check then looks for the append's first event id, with
 * growing pauses, for at most its timeout after the last attempt:
 * <ul>
 *   <li>Found: all events of one append land together, so one id proves all. The stored events from there are compared
 *       with the append by the same {@link AppendDecision} a repeated append gets, and the answer is the same as a
 *       repeat's: the original sequences with {@code alreadyApplied = true} (or a conflict, when the ids hold other
 *       events).</li>
 *   <li>Not found, or storage still unreachable: looked for again until the timeout. Not found is never taken as
 *       "not written": a request that reached the service may still be carried out after it was looked for (the
 *       service works on it until its own server-side timeout, up to 30 seconds on Azure Storage, the default of this
 *       check). Nothing the library can do afterwards stops such a request, so the honest answer after the timeout is
 *       still "unknown".</li>
 * </ul>
 * A repeat of an unknown append with the same ids is always safe: the backends' conditional writes make a late
 * landing of the first attempt and the repeat exclude each other.
 */
public final class AppendOutcomeCheck {

    /** As long as Azure Storage may still carry out a request it received (its longest server-side timeout). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** 100 ms, then doubling to at most 2 s between looks. */
    private static final Backoff LOOKS = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 0.5, 1.0);

    private final Duration timeout;

    public AppendOutcomeCheck(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("The outcome check needs a timeout of 0 or more, not " + timeout);
        }
        this.timeout = timeout;
    }

    /** The store's append; when its outcome is unknown, what looking for its event ids finds out. */
    AppendResult append(EventStore store, StreamId id, AppendRequest request) {
        try {
            return store.append(id, request);
        } catch (AppendOutcomeUnknownException unknown) {
            return settle(store, id, request, unknown);
        }
    }

    private AppendResult settle(EventStore store, StreamId id, AppendRequest request,
                                AppendOutcomeUnknownException unknown) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String firstId = request.events().get(0).eventId();
        boolean lastLookRead = false;
        for (int look = 1; ; look++) {
            try {
                Optional<StoredEvent> first = store.findEvent(id, firstId);
                if (first.isPresent()) {
                    return asRepeat(store, id, request, first.get());
                }
                lastLookRead = true;
            } catch (BackendUnavailableException | AppendOutcomeUnknownException stillUnreachable) {
                lastLookRead = false;
                unknown.addSuppressed(stillUnreachable);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AppendOutcomeUnknownException("Whether appending " + request.events().size() + " event(s) to "
                        + "stream " + id + " was stored is unknown: " + withoutFullStop(unknown.getMessage()) + ". For "
                        + timeout + " after the last attempt, event id '" + firstId + "' was "
                        + (lastLookRead ? "not found, but an attempt that reached the service may still land"
                        : "looked for while storage could not be read")
                        + ". Repeat the append with the same event ids: that is safe whatever happened",
                        id, eventIds(request), unknown);
            }
            try {
                Thread.sleep(Math.min(LOOKS.delay(look).toMillis(), Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unknown;
            }
        }
    }

    /** The answer a repeat of the append gets, given that its first event is stored as {@code first}. */
    private static AppendResult asRepeat(EventStore store, StreamId id, AppendRequest request, StoredEvent first) {
        long last = first.sequence() + request.events().size() - 1;
        List<StoredEvent> events = new ArrayList<>();
        store.read(id, first.sequence(), last, events::add);
        AppendDecision decision = AppendDecision.decide(id, last, AppendDecision.StoredIds.of(Map.of(), events),
                request);
        if (decision instanceof AppendDecision.Replay replay) {
            return replay.result();
        }
        if (decision instanceof AppendDecision.Refuse refuse) {
            throw refuse.error();
        }
        throw new IllegalStateException("An append whose first event id is stored cannot be written again");
    }

    /**
     * What a backend raises when sending an append failed: {@link AppendOutcomeUnknownException} unless the failure
     * proves that this attempt was not carried out and no earlier one of the same append may have been.
     *
     * <p>Proof is an answer of the service that refuses the request as such (a 4xx other than 408 and 429), or a
     * connection that was never made (refused, no route, unknown host) on the last try and on every earlier try the
     * client attached as suppressed. Timeouts, lost connections and 5xx/408/429 answers leave the outcome open: the
     * client's own retries may have sent an earlier copy that the service carried out.
     *
     * @param answeredStatus       the HTTP status the service answered the last try with; -1 when it did not answer
     * @param earlierMayHaveLanded whether an earlier attempt of this append may have landed
     */
    public static EventStoreException unknownUnlessNotSent(BackendUnavailableException failure, int answeredStatus,
                                                           StreamId id, AppendRequest request,
                                                           boolean earlierMayHaveLanded) {
        boolean refused = answeredStatus >= 400 && answeredStatus < 500 && answeredStatus != 408
                && answeredStatus != 429;
        if (!earlierMayHaveLanded && (refused || answeredStatus < 0 && neverConnected(failure.getCause()))) {
            return failure;
        }
        return new AppendOutcomeUnknownException(failure.getMessage(), id, eventIds(request), failure);
    }

    /**
     * Whether the failure, and every earlier try attached to it, is a connection that was never made. The clients
     * attach earlier tries as suppressed transport failures; other suppressed exceptions (such as Reactor's trace of
     * where it blocked) are no tries.
     */
    private static boolean neverConnected(Throwable failure) {
        boolean neverConnected = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            neverConnected |= cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || cause instanceof UnknownHostException;
            for (Throwable suppressed : cause.getSuppressed()) {
                if (isTransportFailure(suppressed) && !neverConnected(suppressed)) {
                    return false;
                }
            }
        }
        return neverConnected;
    }

    /** Whether the failure is one of transport (no answer came): an I/O failure or a timeout, anywhere in its causes. */
    public static boolean isTransportFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String withoutFullStop(String message) {
        return message != null && message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    private static List<String> eventIds(AppendRequest request) {
        return request.events().stream().map(EventRecord::eventId).toList();
    }
}
