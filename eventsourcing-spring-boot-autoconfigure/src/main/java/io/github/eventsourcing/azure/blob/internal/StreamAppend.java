package io.github.eventsourcing.azure.blob.internal;

import io.github.eventsourcing.azure.blob.internal.StreamBlobs.Appended;
import io.github.eventsourcing.azure.blob.internal.StreamBlobs.Created;
import io.github.eventsourcing.azure.blob.internal.StreamBlobs.SegmentFacts;
import io.github.eventsourcing.azure.concurrent.internal.Backoff;
import io.github.eventsourcing.azure.spi.AppendRequest;
import io.github.eventsourcing.azure.spi.EventRecord;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.AppendTooLargeException;
import io.github.eventsourcing.azure.stream.BackendUnavailableException;
import io.github.eventsourcing.azure.stream.ConcurrencyConflictException;
import io.github.eventsourcing.azure.stream.ExpectedVersion;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.internal.AppendDecision;
import io.github.eventsourcing.azure.stream.internal.AppendOutcomeCheck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One append: the loop of deciding on what is known, writing one block conditionally, and on a failed condition
 * catching up and deciding again. The caller holds the stream's cache entry lock.
 *
 * <p>Requests per append, with the type's container already checked by this process:
 * <ul>
 *   <li>1 when this process knows the stream's end (from its last read, append or version check): Append Block
 *       with If-Match and the append position.</li>
 *   <li>2 when it does not: a ranged read of the stream (1 request while it fits in one segment and one chunk of
 *       4 MiB), then Append Block. Reading the whole stream is what the idempotency check needs (every event id),
 *       and reading it brings the version and append position along.</li>
 *   <li>2 for the first append to a new stream that expects it new (must-be-new, or expected version 0): create the
 *       first segment (If-None-Match *), then Append Block. A loose first append does not guess that the stream is
 *       new: 404 on the read, create, append = 3.</li>
 *   <li>+2 at a segment boundary (every 50,000 appends): create the next segment, check the full one.</li>
 * </ul>
 * A failed condition costs one catch-up read (just the new records) and, for an append that may retry, another
 * Append Block.
 */
final class StreamAppend {

    /** Loose appends retry on conflicts; past this many attempts the stream is too contended to go on. */
    private static final int MAX_ATTEMPTS = 100;
    private static final int RETRIES_AT_ONCE = 2;
    private static final Backoff COLLISION = new Backoff(Duration.ofMillis(15), Duration.ofMillis(100), 0, 1.0);
    /** Azure's limit for one Append Block on every service version. */
    static final int MAX_BLOCK_BYTES = 4 * 1024 * 1024;

    private final StreamContainers containers;
    private final StreamDeletion deletion;
    private final StreamReading reading;
    private final int maxBlocksPerSegment;

    StreamAppend(StreamContainers containers, StreamDeletion deletion, StreamReading reading, int maxBlocksPerSegment) {
        this.containers = containers;
        this.deletion = deletion;
        this.reading = reading;
        this.maxBlocksPerSegment = maxBlocksPerSegment;
    }

    /** The result, and what is known after it, also when the append is refused. */
    record Outcome(AppendResult result, RuntimeException refusal, StreamState state) {
    }

    Outcome append(StreamAccess stream, StreamState known, AppendRequest request) {
        StreamId id = stream.id();
        containers.ensureReady(id.type());
        String commitId = RandomIds.commitId();
        StreamState state = known;
        boolean fresh = false;
        if (state == null && request.expectsVersion() && request.expectedVersion() == ExpectedVersion.NEW_STREAM) {
            // Expected new, so most likely new: create the first segment straight away instead of reading first.
            state = createFirstSegment(stream);
            fresh = state != null;
        }
        if (state == null) {
            state = stream.catchUp().catchUp(null).state();
            fresh = true;
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            AppendDecision decision = AppendDecision.decide(id, state.liveVersion(), storedIds(stream, state), request);
            if (!(decision instanceof AppendDecision.Write) && !fresh) {
                state = stream.catchUp().catchUp(state).state();
                fresh = true;
                continue;
            }
            if (decision instanceof AppendDecision.Replay replay) {
                return new Outcome(replay.result(), null, state);
            }
            if (decision instanceof AppendDecision.Refuse refuse) {
                return new Outcome(null, refuse.error(), state);
            }
            if (state.deleted()) {
                // The stream's deletion was interrupted: finish it before the key starts a new stream.
                deletion.finish(stream.id(), stream.blobs(), state.deletion(), state.incarnation());
                state = stream.catchUp().catchUp(null).state();
                continue;
            }
            if (!state.hasSegments() || state.activeIsFull(maxBlocksPerSegment)) {
                state = startSegment(stream, state);
                continue;
            }
            long version = state.version();
            SegmentFacts active = state.active();
            byte[] block = encode(id, request, version + 1, commitId);
            Appended appended;
            try {
                appended = stream.blobs().appendBlock(active.index(), block, active.eTag(), active.length());
            } catch (BackendUnavailableException failure) {
                throw AppendOutcomeCheck.unknownUnlessNotSent(failure, StorageFailures.status(failure.getCause()), id,
                        request, false);
            }
            switch (appended.status()) {
                case APPENDED -> {
                    state.replaceActive(new SegmentFacts(active.index(), appended.eTag(), active.length() + block.length,
                            appended.blockCount(), active.metadata()));
                    long sequence = version;
                    long lineStart = active.length();
                    int lineEnd = 0;
                    for (EventRecord event : request.events()) {
                        state.addEvent(++sequence, event.eventId(), active.index(), lineStart);
                        while (block[lineEnd] != '\n') {
                            lineEnd++;
                        }
                        lineEnd++;
                        lineStart = active.length() + lineEnd;
                    }
                    return new Outcome(written(version, request), null, state);
                }
                case CONDITION_FAILED -> {
                    // Someone else wrote first, or our own block landed and only its response was lost (the SDK
                    // retried and the retry failed on the ETag our block changed): the commit id tells which.
                    StreamCatchUp.Result caughtUp;
                    try {
                        caughtUp = stream.catchUp().catchUp(state, version + 1);
                    } catch (BackendUnavailableException failure) {
                        throw AppendOutcomeCheck.unknownUnlessNotSent(failure, -1, id, request, true);
                    }
                    state = caughtUp.state();
                    fresh = true;
                    if (commitId.equals(caughtUp.watchedCommitId())) {
                        return new Outcome(written(version, request), null, state);
                    }
                    backOff(attempt);
                }
                case SEGMENT_FULL, MISSING -> {
                    // Full by the service's count: catching up brings the final blocks and the full count.
                    state = stream.catchUp().catchUp(appended.status() == StreamBlobs.AppendStatus.MISSING ? null : state)
                            .state();
                    fresh = true;
                }
            }
        }
        return new Outcome(null, new ConcurrencyConflictException(id, request.expectedVersion(), state.liveVersion()),
                state);
    }

    /**
     * Where the stream holds event ids, by the id index of what is known; what it holds there is read on demand (only
     * for a repeated append, from the record nearest before it that this process remembers), since the index keeps
     * digests of ids, not of content.
     */
    private AppendDecision.StoredIds storedIds(StreamAccess stream, StreamState state) {
        if (state.deleted()) {
            return AppendDecision.StoredIds.NONE;
        }
        return new AppendDecision.StoredIds() {
            @Override
            public long sequenceOf(String eventId) {
                return state.ids().sequenceOf(eventId);
            }

            @Override
            public List<StoredEvent> events(long first, long last) {
                List<StoredEvent> events = new ArrayList<>();
                StreamReading.Start start = first > 1 ? StreamReading.Start.at(state, first) : null;
                reading.read(stream, first, last, events::add, false, start);
                return events;
            }
        };
    }

    private static AppendResult written(long versionBefore, AppendRequest request) {
        return new AppendResult(versionBefore == 0, versionBefore + 1, versionBefore + request.events().size(), false);
    }

    /** The first segment created by this call, or null when one exists already (then it must be read). */
    private StreamState createFirstSegment(StreamAccess stream) {
        Created created = create(stream, 0, new SegmentMetadata(RandomIds.incarnation(), 1, null));
        if (created.status() != StreamBlobs.CreateStatus.CREATED) {
            return null;
        }
        StreamState state = StreamState.unknown();
        state.addSegment(created.facts());
        return state;
    }

    /**
     * Creates the first segment of a stream, or the next one after a full segment, carrying the sequence of its
     * first event. Of concurrent writers exactly one creates it; the others catch up and find it.
     *
     * <p>A next segment is only valid while the full one before it is unchanged: a delete of a stream whose active
     * segment is full marks it by taking this very slot (creating the next segment, marked), which this creation
     * then fails on; but a delete that ran to the end removed every segment, slot included, and a writer that still
     * knew the full segment would recreate an orphan. Checking the full segment after the creation rules that out.
     */
    private StreamState startSegment(StreamAccess stream, StreamState state) {
        boolean first = !state.hasSegments();
        int index = first ? 0 : state.active().index() + 1;
        String incarnation = first ? RandomIds.incarnation() : state.incarnation();
        Created created = create(stream, index, new SegmentMetadata(incarnation, state.version() + 1, null));
        if (created.status() != StreamBlobs.CreateStatus.CREATED) {
            if (!first) {
                removeOrphan(stream, index, incarnation);
            }
            return stream.catchUp().catchUp(first ? null : state).state();
        }
        if (!first && !stream.catchUp().unchanged(state.active())) {
            stream.blobs().deleteSegment(index, created.facts().eTag());
            return stream.catchUp().catchUp(null).state();
        }
        state.addSegment(created.facts());
        return state;
    }

    /**
     * Removes a blob of another incarnation where this stream's next segment belongs: left by a writer of an earlier
     * life of the stream that created it after that life was deleted, and crashed before removing it again.
     */
    private static void removeOrphan(StreamAccess stream, int index, String incarnation) {
        stream.blobs().properties(index)
                .filter(existing -> !existing.metadata().incarnation().equals(incarnation))
                .ifPresent(orphan -> stream.blobs().deleteSegment(index, orphan.eTag()));
    }

    private Created create(StreamAccess stream, int index, SegmentMetadata metadata) {
        Created created = stream.blobs().createSegment(index, metadata);
        if (created.status() == StreamBlobs.CreateStatus.CONTAINER_MISSING) {
            // Deleted from outside since this process checked it: make it again.
            containers.forget(stream.id().type());
            containers.ensureReady(stream.id().type());
            created = stream.blobs().createSegment(index, metadata);
        }
        return created;
    }

    private static byte[] encode(StreamId id, AppendRequest request, long firstSequence, String commitId) {
        byte[] block = RecordFormat.encodeBlock(request.events(), firstSequence, request.writtenAt(), request.context(),
                commitId);
        if (block.length > MAX_BLOCK_BYTES) {
            throw new AppendTooLargeException("The append to " + id.type() + " takes " + block.length
                    + " bytes as stored records; one AppendBlob block holds at most " + MAX_BLOCK_BYTES);
        }
        return block;
    }

    /**
     * Spreads out writers of other processes that keep colliding on one stream: the first retries go at once, the
     * later ones after up to 15 ms, growing to at most 100 ms.
     */
    private static void backOff(int attempt) {
        if (attempt > RETRIES_AT_ONCE) {
            COLLISION.pause(attempt - RETRIES_AT_ONCE);
        }
    }
}
