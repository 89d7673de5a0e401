package io.github.eventsourcing.azure.notification.internal;

import io.github.eventsourcing.azure.notification.DeletedEntityNotification;
import io.github.eventsourcing.azure.notification.NewEntityNotification;
import io.github.eventsourcing.azure.notification.NewEventNotification;
import io.github.eventsourcing.azure.notification.Notification;
import io.github.eventsourcing.azure.spi.PendingChanges;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.StreamId;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The notifications that announce a stream's pending changes, in publishing order (deletions of earlier
 * incarnations, then the current incarnation's creation, then its events), and how far the published mark may move
 * once a prefix of them is out. Kinds switched off, and notifications this process already published but could not
 * yet record as published, are skipped and count as published.
 */
final class ChangeNotifications {

    private final PendingChanges changes;
    private final List<Notification> notifications;
    private final List<Long> progress;
    private final int deletionCount;

    private ChangeNotifications(PendingChanges changes, List<Notification> notifications, List<Long> progress,
                                int deletionCount) {
        this.changes = changes;
        this.notifications = notifications;
        this.progress = progress;
        this.deletionCount = deletionCount;
    }

    /** @param alreadyOut whether a notification (by id) was published already, so that it is not sent again */
    static ChangeNotifications plan(PendingChanges changes, NotificationSwitches switches,
                                    Predicate<String> alreadyOut) {
        Predicate<Notification> toPublish = notification -> switches.isEnabled(notification)
                && !alreadyOut.test(notification.id());
        StreamId id = changes.streamId();
        List<Notification> notifications = new ArrayList<>();
        // progress.get(i): the published version once the first i notifications are out.
        List<Long> progress = new ArrayList<>(List.of(changes.publishedVersion()));
        for (PendingChanges.Deletion deletion : changes.deletions()) {
            add(notifications, progress, toPublish, new DeletedEntityNotification(
                    NotificationIds.deletedEntity(id, deletion.deletionId()), id, deletion.deletedAt(), deletion.version()),
                    changes.publishedVersion());
        }
        int deletionCount = notifications.size();
        if (changes.creationUnpublished()) {
            StoredEvent first = changes.events().get(0);
            add(notifications, progress, toPublish, new NewEntityNotification(
                    NotificationIds.newEntity(id, changes.current().generation()), id,
                    changes.current().createdAt() != null ? changes.current().createdAt() : first.writtenAt(),
                    first.context()), changes.publishedVersion());
        }
        for (StoredEvent event : changes.events()) {
            add(notifications, progress, toPublish, newEvent(id, changes.current().generation(), event), event.sequence());
        }
        return new ChangeNotifications(changes, List.copyOf(notifications), List.copyOf(progress), deletionCount);
    }

    static NewEventNotification newEvent(StreamId id, String generation, StoredEvent event) {
        return new NewEventNotification(NotificationIds.newEvent(id, generation, event.sequence()), id,
                event.eventName(), event.eventId(), event.sequence(), event.schemaVersion(), event.writtenAt(),
                event.context(), new String(event.data(), StandardCharsets.UTF_8));
    }

    private static void add(List<Notification> notifications, List<Long> progress, Predicate<Notification> toPublish,
                            Notification notification, long doneThrough) {
        if (toPublish.test(notification)) {
            notifications.add(notification);
            progress.add(doneThrough);
        } else {
            // Skipped: done as soon as everything before it is out.
            progress.set(progress.size() - 1, doneThrough);
        }
    }

    PendingChanges changes() {
        return changes;
    }

    List<Notification> notifications() {
        return notifications;
    }

    /** The published version once the first {@code publishedCount} notifications are out. */
    long publishedVersionAfter(int publishedCount) {
        return progress.get(publishedCount);
    }

    /**
     * Whether publishing the first {@code publishedCount} notifications is progress worth recording: the deletions
     * all went out (a mark records them all at once) and something did.
     */
    boolean isRecordable(int publishedCount) {
        return publishedCount >= deletionCount && (publishedCount > 0 || notifications.isEmpty());
    }
}
