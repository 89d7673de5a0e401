package io.github.eventsourcing.azure.notification.internal;

import io.github.eventsourcing.azure.notification.DeletedEntityNotification;
import io.github.eventsourcing.azure.notification.NewEntityNotification;
import io.github.eventsourcing.azure.notification.Notification;
import io.github.eventsourcing.azure.notification.NotificationKind;
import io.github.eventsourcing.azure.spi.ChangeFeed;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.internal.StreamChangeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Told of every write in this process, it gets the write's notifications on their way:
 * <ul>
 *   <li>for a store with a {@link ChangeFeed} (the durable backends) it kicks the {@link NotificationDispatcher},
 *       which publishes from the durable record, at least once;</li>
 *   <li>for any other store (the in-memory one) it publishes straight away, best effort: there is no record to
 *       publish from later, and nothing survives a restart there anyway.</li>
 * </ul>
 * It runs in the writing thread, so it only queues work; it never blocks and never throws.
 */
public final class StreamNotifier implements StreamChangeListener {

    private static final Logger log = LoggerFactory.getLogger(StreamNotifier.class);

    private final Function<StreamId.StreamType, EventStore> stores;
    private final NotificationDispatcher dispatcher;
    private final BestEffortPublisher bestEffort;
    private final NotificationSwitches switches;
    private final Clock clock;
    /** Generation and version of streams in non-durable stores, to announce their deletion. */
    private final Map<StreamId, Incarnation> volatileStreams = new ConcurrentHashMap<>();

    private record Incarnation(String generation, long version) {
    }

    /**
     * @param stores     the store of each stream type (the router of the event streams)
     * @param dispatcher dispatches the durable stores' feeds
     * @param bestEffort publishes for the other stores
     */
    public StreamNotifier(Function<StreamId.StreamType, EventStore> stores, NotificationDispatcher dispatcher,
                          BestEffortPublisher bestEffort, NotificationSwitches switches, Clock clock) {
        this.stores = stores;
        this.dispatcher = dispatcher;
        this.bestEffort = bestEffort;
        this.switches = switches;
        this.clock = clock;
    }

    @Override
    public void appended(StreamId id, AppendResult result) {
        try {
            EventStore store = stores.apply(id.type());
            Optional<ChangeFeed> feed = store.changeFeed();
            if (feed.isPresent()) {
                dispatcher.kick(feed.get(), id);
            } else {
                bestEffort.submit(() -> notificationsOf(store, id, result));
            }
        } catch (RuntimeException e) {
            log.warn("Could not pass on the notifications of an append to {}", id, e);
        }
    }

    @Override
    public void deleted(StreamId id) {
        try {
            Optional<ChangeFeed> feed = stores.apply(id.type()).changeFeed();
            if (feed.isPresent()) {
                dispatcher.kick(feed.get(), id);
                return;
            }
            Incarnation deleted = volatileStreams.remove(id);
            if (deleted != null && switches.isEnabled(NotificationKind.DELETED_ENTITY, id.type())) {
                DeletedEntityNotification notification = new DeletedEntityNotification(
                        NotificationIds.deletedEntity(id, deleted.generation()), id, clock.instant(), deleted.version());
                bestEffort.submit(() -> List.of(notification));
            }
        } catch (RuntimeException e) {
            log.warn("Could not pass on the deletion of {}", id, e);
        }
    }

    /** Reads back what the append wrote (on the background thread) and turns it into notifications. */
    private List<Notification> notificationsOf(EventStore store, StreamId id, AppendResult result) {
        List<StoredEvent> events = new ArrayList<>();
        store.read(id, result.firstSequence(), result.lastSequence(), events::add);
        if (events.isEmpty()) {
            return List.of(); // deleted in the meantime
        }
        String generation = generationOf(store, id, events.get(0));
        if (generation == null) {
            return List.of();
        }
        volatileStreams.merge(id, new Incarnation(generation, result.lastSequence()),
                (old, now) -> old.generation().equals(now.generation()) && old.version() > now.version() ? old : now);
        List<Notification> notifications = new ArrayList<>();
        if (result.streamCreated()) {
            StoredEvent first = events.get(0);
            notifications.add(new NewEntityNotification(NotificationIds.newEntity(id, generation), id, first.writtenAt(),
                    first.context()));
        }
        for (StoredEvent event : events) {
            notifications.add(ChangeNotifications.newEvent(id, generation, event));
        }
        notifications.removeIf(notification -> !switches.isEnabled(notification));
        return notifications;
    }

    /** Without a backend record, the first event's id and write time tell one incarnation from the next. */
    private static String generationOf(EventStore store, StreamId id, StoredEvent firstRead) {
        StoredEvent first = firstRead;
        if (first.sequence() != 1) {
            List<StoredEvent> head = new ArrayList<>(1);
            store.read(id, 1, 1, head::add);
            if (head.isEmpty()) {
                return null;
            }
            first = head.get(0);
        }
        return first.eventId() + "@" + first.writtenAt().toEpochMilli();
    }
}
