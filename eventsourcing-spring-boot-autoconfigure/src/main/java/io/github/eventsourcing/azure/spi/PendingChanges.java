package io.github.eventsourcing.azure.spi;

import io.github.eventsourcing.azure.stream.StreamId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The unpublished changes of one stream key, as a {@link ChangeFeed} read them.
 *
 * @param streamId         the stream
 * @param deletions        deletions of earlier incarnations of this key not yet published, oldest first
 * @param current          the current incarnation, or null when the key has no stream now
 * @param publishedVersion the current incarnation's events up to this sequence were published (0: none, so its
 *                         creation is unpublished too)
 * @param events           the current incarnation's events after {@code publishedVersion}, in order, possibly
 *                         fewer than remain
 * @param checkpoint       what the feed needs to update its marks conditionally (e.g. an ETag); opaque to callers
 */
public record PendingChanges(StreamId streamId, List<Deletion> deletions, Incarnation current, long publishedVersion,
                             List<StoredEvent> events, Object checkpoint) {

    public PendingChanges {
        Objects.requireNonNull(streamId, "streamId");
        deletions = List.copyOf(deletions);
        events = List.copyOf(events);
    }

    /** True when there is nothing to publish. */
    public boolean isEmpty() {
        return deletions.isEmpty() && events.isEmpty();
    }

    /** True when the current incarnation's creation is not yet published. */
    public boolean creationUnpublished() {
        return current != null && publishedVersion == 0 && !events.isEmpty();
    }

    /** True when the current incarnation has events beyond those read. */
    public boolean hasMoreEvents() {
        long last = events.isEmpty() ? publishedVersion : events.get(events.size() - 1).sequence();
        return current != null && current.version() > last;
    }

    /**
     * One incarnation of a stream key: from its first append to its deletion.
     *
     * @param generation a value unique to this incarnation, stable for its lifetime (notification ids derive from it)
     * @param createdAt  when it was created
     * @param version    its number of events when read
     */
    public record Incarnation(String generation, Instant createdAt, long version) {
        public Incarnation {
            Objects.requireNonNull(generation, "generation");
        }
    }

    /**
     * A deletion of an earlier incarnation.
     *
     * @param deletionId unique to this deletion (its notification id derives from it)
     * @param version    the number of events the incarnation had when deleted
     * @param deletedAt  when the deletion was recorded
     */
    public record Deletion(String deletionId, long version, Instant deletedAt) {
        public Deletion {
            Objects.requireNonNull(deletionId, "deletionId");
            Objects.requireNonNull(deletedAt, "deletedAt");
        }
    }
}
