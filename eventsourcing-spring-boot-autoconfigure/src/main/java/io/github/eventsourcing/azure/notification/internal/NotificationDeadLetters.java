package io.github.eventsourcing.azure.notification.internal;

import io.github.eventsourcing.azure.deadletter.internal.DeadLetterFields;
import io.github.eventsourcing.azure.notification.DeadLetters;
import io.github.eventsourcing.azure.spi.ChangeFeed;
import io.github.eventsourcing.azure.spi.DeadLetter;
import io.github.eventsourcing.azure.spi.DeadLetterStore;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.PendingChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The dead letters of notifications in the durable stores the dispatcher publishes from. */
public final class NotificationDeadLetters implements DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(NotificationDeadLetters.class);

    private record Source(ChangeFeed feed, DeadLetterStore deadLetters) {
    }

    private final List<Source> sources = new ArrayList<>();
    private final NotificationDispatcher dispatcher;

    /** @param stores the stores the dispatcher publishes from (repeats and stores without a feed are left out) */
    public NotificationDeadLetters(Collection<EventStore> stores, NotificationDispatcher dispatcher) {
        this.dispatcher = dispatcher;
        Map<DeadLetterStore, Boolean> seen = new IdentityHashMap<>();
        for (EventStore store : stores) {
            store.changeFeed().ifPresent(feed -> store.deadLetters().ifPresent(letters -> {
                if (seen.put(letters, Boolean.TRUE) == null) {
                    sources.add(new Source(feed, letters));
                }
            }));
        }
    }

    @Override
    public List<DeadLetter> list() {
        return sources.stream().flatMap(source -> source.deadLetters().list().stream())
                .filter(letter -> letter.kind().equals(DeadLetter.NOTIFICATION))
                .sorted(DeadLetterFields.OLDEST_FIRST).toList();
    }

    @Override
    public Optional<DeadLetter> find(String id) {
        return locate(id).map(Located::letter);
    }

    @Override
    public Optional<DeadLetter> retry(String id) {
        return locate(id).map(found -> {
            found.source().deadLetters().remove(id);
            dispatcher.release(found.source().feed(), found.letter());
            log.info("Dead letter {} of {} (events {} to {}) retried", id, found.letter().stream(),
                    found.letter().fromSequence(), found.letter().toSequence());
            return found.letter();
        });
    }

    @Override
    public Optional<DeadLetter> skip(String id) {
        return locate(id).map(found -> {
            DeadLetter letter = found.letter();
            ChangeFeed feed = found.source().feed();
            PendingChanges changes = feed.read(letter.stream(), 1);
            feed.markPublished(changes, Math.max(letter.toSequence(), changes.publishedVersion()));
            found.source().deadLetters().remove(id);
            dispatcher.release(feed, letter);
            log.warn("Dead letter {} of {} skipped: the notifications of events {} to {} are not published", id,
                    letter.stream(), letter.fromSequence(), letter.toSequence());
            return letter;
        });
    }

    private record Located(Source source, DeadLetter letter) {
    }

    private Optional<Located> locate(String id) {
        if (!DeadLetter.isValidId(id)) {
            return Optional.empty();
        }
        for (Source source : sources) {
            Optional<DeadLetter> letter = source.deadLetters().find(id)
                    .filter(found -> found.kind().equals(DeadLetter.NOTIFICATION));
            if (letter.isPresent()) {
                return Optional.of(new Located(source, letter.get()));
            }
        }
        return Optional.empty();
    }
}
