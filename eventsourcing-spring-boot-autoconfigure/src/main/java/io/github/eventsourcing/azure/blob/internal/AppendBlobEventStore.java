package io.github.eventsourcing.azure.blob.internal;

import com.azure.storage.blob.BlobServiceClient;
import io.github.eventsourcing.azure.spi.AppendRequest;
import io.github.eventsourcing.azure.spi.ChangeFeed;
import io.github.eventsourcing.azure.spi.DeadLetterStore;
import io.github.eventsourcing.azure.spi.EventSink;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.HealthProbe;
import io.github.eventsourcing.azure.spi.SnapshotStore;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.StreamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Event streams in Azure append blobs, in the containers, segments and records the
 * {@linkplain io.github.eventsourcing.azure.blob package documentation} lays out. Concurrency is optimistic, through the service's own conditions on every
 * write (ETag and append position), so any number of application instances can write the same streams without
 * leases. The package documentation also gives the number of requests per operation.
 *
 * <p>Thread-safe. Each instance keeps what it learned about recently used streams (their end and event ids) so that
 * an append to a stream it knows is one request; create one instance per storage account and share it.
 */
public final class AppendBlobEventStore implements EventStore, SnapshotStore, HealthProbe {

    private static final Logger log = LoggerFactory.getLogger(AppendBlobEventStore.class);

    private final BlobServiceClient serviceClient;
    private final String containerPrefix;
    private final StreamContainers containers;
    private final AppendBlobSettings settings;
    private final StreamStateCache cache;
    private final StreamDeletion deletion;
    private final StreamAppend appender;
    private final StreamReading reading;
    private final BlobChangeFeed changeFeed;
    private final BlobDeadLetters deadLetters;

    /** A store whose containers are named {@code es-<domain>-<entity>-<hash>}. */
    public AppendBlobEventStore(BlobServiceClient serviceClient) {
        this(serviceClient, ContainerNames.DEFAULT_PREFIX);
    }

    /**
     * @param containerPrefix the first part of every container name: 1 to 20 lowercase letters and digits, single
     *                        hyphens between them (e.g. to keep two applications apart in one storage account)
     */
    public AppendBlobEventStore(BlobServiceClient serviceClient, String containerPrefix) {
        this(serviceClient, containerPrefix, AppendBlobSettings.DEFAULT);
    }

    AppendBlobEventStore(BlobServiceClient serviceClient, String containerPrefix, AppendBlobSettings settings) {
        this.serviceClient = Objects.requireNonNull(serviceClient, "serviceClient");
        this.containerPrefix = containerPrefix;
        this.containers = new StreamContainers(serviceClient, new ContainerNames(containerPrefix));
        this.settings = settings;
        this.cache = new StreamStateCache(settings.maxCachedStreams(), settings.maxCachedEvents());
        this.deletion = new StreamDeletion(Clock.systemUTC(), settings.maxBlocksPerSegment());
        this.reading = new StreamReading(settings.maxBlocksPerSegment());
        this.appender = new StreamAppend(containers, deletion, reading, settings.maxBlocksPerSegment());
        this.changeFeed = new BlobChangeFeed(serviceClient, containerPrefix, containers, this, deletion);
        this.deadLetters = new BlobDeadLetters(serviceClient, containerPrefix);
    }

    /** The record of unpublished notifications this store's writes leave (see {@link BlobChangeFeed}). */
    @Override
    public Optional<ChangeFeed> changeFeed() {
        return Optional.of(changeFeed);
    }

    @Override
    public Optional<SnapshotStore> snapshots() {
        return Optional.of(this);
    }

    /** Set aside in a container of their own (see {@link BlobDeadLetters}). */
    @Override
    public Optional<DeadLetterStore> deadLetters() {
        return Optional.of(deadLetters);
    }

    @Override
    public Optional<HealthProbe> healthProbe() {
        return Optional.of(this);
    }

    @Override
    public String backendName() {
        return "append-blob";
    }

    /** The container that holds the streams of a domain/entity. */
    public String containerNameFor(StreamId.StreamType type) {
        return containers.nameFor(type);
    }

    @Override
    public long version(StreamId id) {
        return caughtUp(id, StreamState::liveVersion);
    }

    /**
     * Catches up on the stream (reading only what was appended since this process last looked) and looks the id up
     * in the event id index that keeps; then reads that one event, from the nearest remembered position.
     */
    @Override
    public Optional<StoredEvent> findEvent(StreamId id, String eventId) {
        long sequence = caughtUp(id, state -> state.deleted() ? 0 : state.ids().sequenceOf(eventId));
        if (sequence == 0) {
            return Optional.empty();
        }
        StoredEvent[] found = {null};
        read(id, sequence, sequence, event -> {
            found[0] = event;
            return false;
        });
        // The index keeps digests of ids, and the stream may have been re-created since: trust only the record itself.
        return Optional.ofNullable(found[0]).filter(event -> event.eventId().equals(eventId));
    }

    /** What the stream's state, caught up with storage under the stream's lock, answers. */
    private long caughtUp(StreamId id, ToLongFunction<StreamState> answer) {
        StreamStateCache.Entry entry = cache.entry(id);
        StreamAccess stream = access(entry);
        entry.lock.lock();
        try {
            StreamState state = stream.catchUp().catchUp(entry.state).state();
            cache.store(entry, state);
            return answer.applyAsLong(state);
        } catch (RuntimeException e) {
            cache.store(entry, null);
            throw e;
        } finally {
            entry.lock.unlock();
        }
    }

    @Override
    public AppendResult append(StreamId id, AppendRequest request) {
        StreamStateCache.Entry entry = cache.entry(id);
        StreamAccess stream = access(entry);
        StreamAppend.Outcome outcome;
        entry.lock.lock();
        try {
            outcome = appender.append(stream, entry.state, request);
            cache.store(entry, outcome.state());
        } catch (RuntimeException e) {
            cache.store(entry, null); // what was known may be half updated, and the outcome may be unknown
            throw e;
        } finally {
            entry.lock.unlock();
        }
        if (outcome.refusal() != null) {
            throw outcome.refusal();
        }
        return outcome.result();
    }

    @Override
    public void read(StreamId id, long fromSequence, long toSequence, EventSink sink) {
        StreamStateCache.Entry cached = cache.peek(id);
        boolean learn = cached == null || cached.state == null;
        StreamReading.Start start = fromSequence > 1 && cached != null ? startOf(cached, fromSequence) : null;
        StreamState learned = reading.read(cached == null ? access(id) : access(cached), fromSequence, toSequence,
                sink, learn, start);
        if (learned != null) {
            remember(id, learned);
        }
    }

    /**
     * Where this process remembers the stream's record nearest before the sequence; null when it knows nothing
     * useful, or a writer holds the stream right now (a read does not wait for one).
     */
    private static StreamReading.Start startOf(StreamStateCache.Entry entry, long sequence) {
        if (!entry.lock.tryLock()) {
            return null;
        }
        try {
            return StreamReading.Start.at(entry.state, sequence);
        } finally {
            entry.lock.unlock();
        }
    }

    /** Keeps what a read learned, unless a writer holds the stream or knows it already. */
    private void remember(StreamId id, StreamState learned) {
        StreamStateCache.Entry entry = cache.entry(id);
        if (entry.lock.tryLock()) {
            try {
                if (entry.state == null) {
                    cache.store(entry, learned);
                }
            } finally {
                entry.lock.unlock();
            }
        }
    }

    @Override
    public boolean delete(StreamId id) {
        StreamStateCache.Entry entry = cache.entry(id);
        StreamAccess stream = access(entry);
        entry.lock.lock();
        try {
            return deletion.delete(stream, entry.state);
        } finally {
            cache.store(entry, null);
            entry.lock.unlock();
        }
    }

    @Override
    public void forEachInstanceKey(StreamId.StreamType type, Consumer<String> action) {
        InstanceKeyListing.forEachKey(containers.clientFor(type), action);
    }

    /** Lists at most one of the store's containers: see {@link BlobHealthCheck}. */
    @Override
    public Map<String, Object> checkHealth(Duration timeout) {
        return BlobHealthCheck.check(serviceClient, containerPrefix, timeout);
    }

    /** One Get Blob of {@code snapshots/<key>/<snapshot key>}; a missing one is an empty answer. */
    @Override
    public Optional<StoredSnapshot> loadSnapshot(StreamId id, String snapshotKey) {
        return snapshots(id).load(snapshotKey);
    }

    /**
     * One Put Blob of {@code snapshots/<key>/<snapshot key>}, never part of an append; deleting the stream removes
     * it. A snapshot saved while the stream is being deleted may outlive the deletion: it is never used (readers
     * verify its last event id), and the next deletion of the key removes it.
     */
    @Override
    public void saveSnapshot(StreamId id, String snapshotKey, StoredSnapshot snapshot) {
        SnapshotBlobs snapshots = snapshots(id);
        Optional<String> name = snapshots.nameOf(snapshotKey);
        if (name.isEmpty()) {
            log.debug("Snapshot '{}' of {} not saved: its blob name would exceed {} characters", snapshotKey, id,
                    SnapshotBlobs.MAX_NAME_LENGTH);
            return;
        }
        snapshots.save(name.get(), snapshot);
    }

    private SnapshotBlobs snapshots(StreamId id) {
        return new SnapshotBlobs(containers.clientFor(id.type()), BlobNames.encodeKey(id.instanceKey()));
    }

    /** The access kept in the stream's cache entry, built on first use (two threads may both build it: harmless). */
    private StreamAccess access(StreamStateCache.Entry entry) {
        StreamAccess access = entry.access;
        if (access == null) {
            access = access(entry.id);
            entry.access = access;
        }
        return access;
    }

    private StreamAccess access(StreamId id) {
        StreamBlobs blobs = new StreamBlobs(containers.clientFor(id.type()), BlobNames.encodeKey(id.instanceKey()));
        SegmentScanner scanner = new SegmentScanner(blobs, settings.downloadChunkBytes());
        return new StreamAccess(id, blobs, scanner, new StreamCatchUp(blobs, scanner, settings.maxBlocksPerSegment()));
    }
}
