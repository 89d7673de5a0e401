package io.github.eventsourcing.azure.stream.internal;

import io.github.eventsourcing.azure.spi.AppendRequest;
import io.github.eventsourcing.azure.spi.EventRecord;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.ConcurrencyConflictException;
import io.github.eventsourcing.azure.stream.EventIdConflictException;
import io.github.eventsourcing.azure.stream.EventStoreLimits;
import io.github.eventsourcing.azure.stream.ExistenceConstraint;
import io.github.eventsourcing.azure.stream.ExpectedVersion;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How this process hands validated appends to the backend, and what it learns from the answers: the versions it
 * remembers ({@link StreamVersions}) and the listeners it tells.
 *
 * <p><b>At the end of a stream.</b> An append without an expected version guesses where the stream ends from what
 * this process saw last, and expects the stream there; the backend's condition checks the guess in the request that
 * writes. Success proves the stream was at the guess, so the events are at its end as asked. A replay, an id conflict
 * or a missing stream is told by the backend alike with or without the guess. Only a version conflict says the guess
 * was wrong; the append then asks the backend to find the end, as without a guess. A must-exist append never guesses
 * 0, which would ask to create the stream.
 *
 * <p><b>Group commit.</b> Such appends go to the stream's queue in this process: one transaction per stream is in
 * flight at a time, and appends that arrive meanwhile wait and go together in the next one, when they chain: the same
 * existence constraint and write context (one request stores one context and one write time with all its events),
 * within the limits of one atomic append. Each append still lands whole, at consecutive sequences, and gets its own
 * result. Should the group's events clash with stored event ids (an id conflict, or a repeat of an earlier append),
 * each append is sent again alone, so that each gets its own answer; any other failure concerns the stream and is every
 * member's. The queue also keeps this process's guesses right: its own appends no longer race each other.
 */
final class StreamAppends {

    private final StreamVersions versions;
    private final List<StreamChangeListener> listeners;
    private final EventStoreLimits limits;
    private final Clock clock;
    private final AppendOutcomeCheck outcomeCheck;
    private final ConcurrentHashMap<StreamId, Queue> queues = new ConcurrentHashMap<>();

    StreamAppends(StreamVersions versions, List<StreamChangeListener> listeners, EventStoreLimits limits, Clock clock,
                  AppendOutcomeCheck outcomeCheck) {
        this.versions = versions;
        this.listeners = listeners;
        this.limits = limits;
        this.clock = clock;
        this.outcomeCheck = outcomeCheck;
    }

    /** An append at the version the caller expects: sent as it is. */
    AppendResult atVersion(StreamId id, EventStore store, List<EventRecord> records, long expectedVersion,
                           ExistenceConstraint constraint, WriteContext context) {
        AppendResult result = outcomeCheck.append(store, id,
                new AppendRequest(records, expectedVersion, constraint, context, now()));
        remember(id, result);
        return told(id, result);
    }

    /**
     * An append where the stream ends.
     *
     * @param bytes its size against the limits
     * @param guess where the stream probably ends, known to the caller; {@link StreamVersions#UNKNOWN} to take this
     *              process's last sight of it
     */
    AppendResult atTheEnd(StreamId id, EventStore store, List<EventRecord> records, ExistenceConstraint constraint,
                          WriteContext context, long bytes, long guess) {
        Member member = new Member(records, constraint, context, bytes, guess);
        while (true) {
            Queue queue = queues.computeIfAbsent(id, key -> new Queue());
            boolean calledBackFromItsOwnSend;
            queue.lock.lock();
            try {
                if (queue.retired) {
                    continue; // emptied and removed meanwhile: join the stream's new queue
                }
                calledBackFromItsOwnSend = queue.sender == Thread.currentThread();
                if (!calledBackFromItsOwnSend) {
                    queue.waiting.add(member);
                }
            } finally {
                queue.lock.unlock();
            }
            if (calledBackFromItsOwnSend) {
                // Appended from within this stream's own send (by a decorating backend): waiting for the send would
                // wait for itself, so this append goes straight to the backend.
                alone(id, store, member);
                return told(id, member.outcome());
            }
            return told(id, queue.await(id, store, member));
        }
    }

    /** Remembers where an append left the stream; a replay tells where its events were stored back then, not that. */
    private void remember(StreamId id, AppendResult result) {
        if (!result.alreadyApplied()) {
            versions.remember(id, result.lastSequence());
        }
    }

    /** Tells the listeners of an append, on the caller's thread, as no other append of the stream waits for them. */
    private AppendResult told(StreamId id, AppendResult result) {
        if (!result.alreadyApplied()) {
            listeners.forEach(listener -> listener.appended(id, result));
        }
        return result;
    }

    /** Sends one group: all its members' events in one atomic append, or each member alone after an id clash. */
    private void commit(StreamId id, EventStore store, List<Member> group) {
        if (group.size() == 1) {
            alone(id, store, group.get(0));
            return;
        }
        List<EventRecord> records = new ArrayList<>();
        group.forEach(member -> records.addAll(member.records));
        Member first = group.get(0);
        AppendResult combined;
        try {
            combined = send(id, store, records, first.constraint, first.context, first.guess);
        } catch (EventIdConflictException clash) {
            group.forEach(member -> alone(id, store, member));
            return;
        } catch (RuntimeException streamFailure) {
            group.forEach(member -> member.fail(streamFailure));
            return;
        }
        if (combined.alreadyApplied()) {
            group.forEach(member -> alone(id, store, member));
            return;
        }
        remember(id, combined);
        long next = combined.firstSequence();
        for (Member member : group) {
            AppendResult own = new AppendResult(combined.streamCreated() && member == first, next,
                    next + member.records.size() - 1, false);
            next = own.lastSequence() + 1;
            member.succeed(own);
        }
    }

    private void alone(StreamId id, EventStore store, Member member) {
        try {
            AppendResult result = send(id, store, member.records, member.constraint, member.context, member.guess);
            remember(id, result);
            member.succeed(result);
        } catch (RuntimeException failure) {
            member.fail(failure);
        }
    }

    private AppendResult send(StreamId id, EventStore store, List<EventRecord> records, ExistenceConstraint constraint,
                              WriteContext context, long knownGuess) {
        Instant writtenAt = now();
        long guess = knownGuess != StreamVersions.UNKNOWN ? knownGuess : versions.known(id);
        if (guess > 0 || guess == 0 && constraint == ExistenceConstraint.LOOSE) {
            try {
                return outcomeCheck.append(store, id, new AppendRequest(records, guess, constraint, context, writtenAt));
            } catch (ConcurrencyConflictException staleGuess) {
                // another writer was first, or the stream was deleted or re-created: find the end
            }
        }
        return outcomeCheck.append(store, id, new AppendRequest(records, ExpectedVersion.ANY, constraint, context, writtenAt));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The appends of one stream waiting in this process, and whether one of its transactions is in flight. */
    private final class Queue {

        final ReentrantLock lock = new ReentrantLock();
        final Condition idle = lock.newCondition();
        final Deque<Member> waiting = new ArrayDeque<>();
        boolean busy;
        /** The thread sending this stream's group, while one is in flight. */
        Thread sender;
        boolean retired;

        /**
         * Waits until the member is done. Whoever finds the stream idle sends the next group for everyone, from the
         * head of the queue, which need not hold its own member yet.
         */
        AppendResult await(StreamId id, EventStore store, Member member) {
            while (true) {
                List<Member> group;
                lock.lock();
                try {
                    while (!member.done && busy) {
                        idle.awaitUninterruptibly();
                    }
                    if (member.done) {
                        return member.outcome();
                    }
                    busy = true;
                    sender = Thread.currentThread();
                    group = nextGroup();
                } finally {
                    lock.unlock();
                }
                try {
                    commit(id, store, group);
                } catch (Throwable unexpected) {
                    group.forEach(waiter -> waiter.fail(unexpected));
                    throw unexpected;
                } finally {
                    lock.lock();
                    try {
                        busy = false;
                        sender = null;
                        if (waiting.isEmpty()) {
                            retired = true;
                            queues.remove(id, this);
                        }
                        idle.signalAll();
                    } finally {
                        lock.unlock();
                    }
                }
            }
        }

        /**
         * The head of the queue and the members after it that chain with it, within one atomic append's limits and
         * without an event id twice (a retry racing its original goes in a request of its own, to be told a repeat).
         */
        private List<Member> nextGroup() {
            Member head = waiting.poll();
            List<Member> group = new ArrayList<>(List.of(head));
            Set<String> ids = new HashSet<>(head.eventIds());
            int events = head.records.size();
            long bytes = head.bytes;
            for (Member next = waiting.peek(); next != null && head.chains(next)
                    && events + next.records.size() <= limits.maxEventsPerAppend()
                    && bytes + next.bytes <= limits.maxAppendBytes()
                    && next.eventIds().stream().noneMatch(ids::contains); next = waiting.peek()) {
                group.add(waiting.poll());
                ids.addAll(next.eventIds());
                events += next.records.size();
                bytes += next.bytes;
            }
            return group;
        }
    }

    /** One caller's append in a queue: what to write, and once sent, its outcome. */
    private static final class Member {

        final List<EventRecord> records;
        final ExistenceConstraint constraint;
        final WriteContext context;
        final long bytes;
        final long guess;
        // Written by the thread that sends the member, read by its caller: both under the queue's lock or after it.
        volatile boolean done;
        private volatile AppendResult result;
        private volatile Throwable failure;

        Member(List<EventRecord> records, ExistenceConstraint constraint, WriteContext context, long bytes, long guess) {
            this.records = records;
            this.constraint = constraint;
            this.context = context;
            this.bytes = bytes;
            this.guess = guess;
        }

        List<String> eventIds() {
            return records.stream().map(EventRecord::eventId).toList();
        }

        /** Whether the other append can go in the same request: one context and one constraint for all events. */
        boolean chains(Member other) {
            return constraint == other.constraint && context.equals(other.context);
        }

        void succeed(AppendResult value) {
            result = value;
            done = true;
        }

        void fail(Throwable error) {
            if (!done) {
                failure = error;
                done = true;
            }
        }

        AppendResult outcome() {
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            return result;
        }
    }
}
