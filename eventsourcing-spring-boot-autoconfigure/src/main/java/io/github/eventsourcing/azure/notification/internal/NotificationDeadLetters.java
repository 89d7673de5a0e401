package io.github.eventsourcing.azure.notification.internal;

import io.github.eventsourcing.azure.deadletter.internal.DeadLetterKind;
import io.github.eventsourcing.azure.spi.ChangeFeed;
import io.github.eventsourcing.azure.spi.DeadLetter;
import io.github.eventsourcing.azure.spi.DeadLetterStore;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.PendingChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The rules of notification dead letters: retry publishes them again from the stream's published mark, skip moves the
 * mark past them; either way the dispatcher then goes on with the stream's later notifications.
 */
public final class NotificationDeadLetters implements DeadLetterKind {

    private static final Logger log = LoggerFactory.getLogger(NotificationDeadLetters.class);

    /** The change feed of each store's dead letters. */
    private final Map<DeadLetterStore, ChangeFeed> feeds = new IdentityHashMap<>();
    private final NotificationDispatcher dispatcher;

    /** @param stores the stores the dispatcher publishes from (stores without a feed are left out) */
    public NotificationDeadLetters(Collection<EventStore> stores, NotificationDispatcher dispatcher) {
        this.dispatcher = dispatcher;
        for (EventStore store : stores) {
            store.changeFeed().ifPresent(feed -> store.deadLetters()
                    .ifPresent(letters -> feeds.putIfAbsent(letters, feed)));
        }
    }

    @Override
    public String kind() {
        return DeadLetter.NOTIFICATION;
    }

    @Override
    public void retry(DeadLetter letter, DeadLetterStore store) {
        store.remove(letter.id());
        dispatcher.release(feedOf(store), letter);
        log.info("Dead letter {} of {} (events {} to {}) retried", letter.id(), letter.stream(),
                letter.fromSequence(), letter.toSequence());
    }

    @Override
    public void skip(DeadLetter letter, DeadLetterStore store) {
        ChangeFeed feed = feedOf(store);
        PendingChanges changes = feed.read(letter.stream(), 1);
        feed.markPublished(changes, Math.max(letter.toSequence(), changes.publishedVersion()));
        store.remove(letter.id());
        dispatcher.release(feed, letter);
        log.warn("Dead letter {} of {} skipped: the notifications of events {} to {} are not published", letter.id(),
                letter.stream(), letter.fromSequence(), letter.toSequence());
    }

    private ChangeFeed feedOf(DeadLetterStore store) {
        ChangeFeed feed = feeds.get(store);
        if (feed == null) {
            throw new IllegalStateException("No change feed publishes from the store of these dead letters");
        }
        return feed;
    }
}
