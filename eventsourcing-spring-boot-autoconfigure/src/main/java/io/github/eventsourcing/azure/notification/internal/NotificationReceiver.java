package io.github.eventsourcing.azure.notification.internal;

import io.github.eventsourcing.azure.notification.NewEventNotification;
import io.github.eventsourcing.azure.notification.Notification;
import io.github.eventsourcing.azure.notification.NotificationListener;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.EventSerializationException;
import io.github.eventsourcing.azure.stream.internal.EventSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Hands delivered notifications to the {@link NotificationListener} methods that match them, each notification id
 * to each method at most once per process: Event Grid delivers at least once, and redelivers a batch when any of
 * it failed. What was handed over is remembered in a bounded memory (the most recent {@code capacity} pairs of
 * method and id); a method that failed is not remembered, so the redelivery calls it again. A duplicate arriving
 * while the first delivery is still being handled waits for that one's outcome instead of running alongside it.
 */
public final class NotificationReceiver {

    private static final Logger log = LoggerFactory.getLogger(NotificationReceiver.class);

    private final NotificationListeners listeners;
    private final Supplier<EventSerializer> serializer;
    private final RecentIds handled;
    private final Duration duplicateWait;
    private final Map<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private int eventClassesRegistered;

    /**
     * @param listeners     the listener methods
     * @param serializer    reads event payloads (the storage mapper and event type registry), asked for on first use
     * @param capacity      how many (method, notification id) pairs to remember
     * @param duplicateWait how long a duplicate waits for the first delivery's outcome before failing
     */
    public NotificationReceiver(NotificationListeners listeners, Supplier<EventSerializer> serializer, int capacity,
                                Duration duplicateWait) {
        this.listeners = listeners;
        this.serializer = serializer;
        this.handled = new RecentIds(capacity);
        this.duplicateWait = duplicateWait;
    }

    /**
     * Hands every notification to the matching methods. A notification whose event payload cannot be bound to a
     * method's parameter (JSON of another shape than the class) is refused, with a log line, rather than failed:
     * delivering it again would not change it. The methods that do not need the payload still get it.
     *
     * @return the ids of the notifications refused
     * @throws NotificationHandlingException when a method failed (after all notifications were tried)
     */
    Set<String> receive(List<? extends Notification> notifications) {
        Set<String> refused = new LinkedHashSet<>();
        List<Throwable> failures = new ArrayList<>();
        for (Notification notification : notifications) {
            Payload payload = new Payload(notification);
            for (NotificationListenerMethod method : listeners.methods()) {
                if (method.matches(notification)) {
                    Throwable failure = handOnce(method, notification, payload);
                    if (failure instanceof UnbindablePayloadException unbindable) {
                        log.warn("Refused notification {} ({}): its payload cannot be bound to listener {}: {}",
                                notification.id(), notification.eventType(), method, unbindable.getMessage());
                        refused.add(notification.id());
                    } else if (failure != null) {
                        failures.add(failure);
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            NotificationHandlingException exception = new NotificationHandlingException(failures.size()
                    + " notification listener call(s) failed; the first: " + failures.get(0), failures.get(0));
            failures.stream().skip(1).forEach(exception::addSuppressed);
            throw exception;
        }
        return refused;
    }

    private Throwable handOnce(NotificationListenerMethod method, Notification notification, Payload payload) {
        String key = method.id() + "\n" + notification.id();
        if (handled.contains(key)) {
            return null;
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> first = inFlight.putIfAbsent(key, mine);
        if (first != null) {
            return outcomeOf(first, notification);
        }
        try {
            if (!handled.contains(key)) {
                Object event = payload.get(method);
                if (method.accepts(event)) {
                    method.invoke(notification, event);
                }
                handled.add(key);
            }
            mine.complete(null);
            return null;
        } catch (UnbindablePayloadException unbindable) {
            mine.completeExceptionally(unbindable);
            return unbindable;
        } catch (Throwable failure) {
            log.warn("Notification listener {} failed on {} {}", method, notification.eventType(), notification.id(),
                    failure);
            mine.completeExceptionally(failure);
            return failure;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private Throwable outcomeOf(CompletableFuture<Void> first, Notification notification) {
        try {
            first.get(duplicateWait.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return new TimeoutException("A concurrent delivery of " + notification.id() + " is still being handled");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    /** The event payload of one notification, read at most once and only when a method wants it. */
    private final class Payload {
        private final Notification notification;
        private Object value;
        private UnbindablePayloadException unbindable;
        private boolean read;

        Payload(Notification notification) {
            this.notification = notification;
        }

        Object get(NotificationListenerMethod method) {
            if (!method.wantsPayload() || !(notification instanceof NewEventNotification event)) {
                return null;
            }
            if (!read) {
                read = true;
                try {
                    value = readPayload(event);
                } catch (EventSerializationException e) {
                    unbindable = new UnbindablePayloadException(e);
                }
            }
            if (unbindable != null) {
                throw unbindable;
            }
            return value;
        }
    }

    /** Listener parameter types name the classes a subscriber wants, even one that never writes them itself. */
    private synchronized void registerEventClasses(EventSerializer reader) {
        List<NotificationListenerMethod> methods = listeners.methods();
        for (; eventClassesRegistered < methods.size(); eventClassesRegistered++) {
            Class<?> eventClass = methods.get(eventClassesRegistered).eventClass();
            if (eventClass != null) {
                reader.types().register(eventClass);
            }
        }
    }

    /** A payload that cannot be bound: a fault of the notification, which no redelivery repairs. */
    private static final class UnbindablePayloadException extends RuntimeException {
        UnbindablePayloadException(EventSerializationException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private Object readPayload(NewEventNotification event) {
        EventSerializer reader = serializer.get();
        registerEventClasses(reader);
        StoredEvent stored = new StoredEvent(event.sequence(), event.eventId(), event.eventName(),
                event.schemaVersion(), event.writtenAt(), event.context(),
                event.eventJson().getBytes(StandardCharsets.UTF_8));
        return reader.deserialize(event.streamId(), stored).payload();
    }
}
