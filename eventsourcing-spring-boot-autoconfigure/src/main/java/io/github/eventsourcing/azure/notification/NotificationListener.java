package io.github.eventsourcing.azure.notification;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that reacts to notifications Event Grid delivers to this application's webhook (see
 * {@code eventsourcing.notifications.webhook.*}), e.g.
 * <pre>
 * &#64;NotificationListener(domain = "Bank", entity = "Account", eventName = "Money *")
 * void onMoneyMoved(NewEventNotification notification, MoneyDeposited deposited) { ... }
 * </pre>
 * Filters are patterns in which {@code *} stands for any run of characters (case-sensitive), default: everything.
 *
 * <p>The method's parameters, in any order, each at most once:
 * <ul>
 *   <li>{@link Notification}, or one of its kinds (e.g. {@link NewEventNotification}): the notification; a specific
 *       kind also restricts the method to that kind;</li>
 *   <li>{@link io.github.eventsourcing.azure.stream.StreamId}: the stream the notification is about;</li>
 *   <li>any other type: the event payload of a new-event notification, read with the storage mapper and upcast to
 *       today's class like a stored event; the method is called only when the payload is of that type (declare
 *       {@code Object} for any event, {@link io.github.eventsourcing.azure.stream.UnknownEvent} for names no class
 *       carries).</li>
 * </ul>
 *
 * <p>Each notification id is handed to each method at most once per process (Event Grid delivers at least once).
 * When a method throws, the delivery is answered with an error so that Event Grid delivers it again; methods that
 * succeeded are not called again for it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NotificationListener {

    /** Domain pattern. */
    String domain() default "*";

    /** Entity type pattern. */
    String entity() default "*";

    /**
     * Pattern for the name in the event slot: the event's business name, the projection's or the classification's
     * name. Notifications without a name (new and deleted entity) match only {@code *}.
     */
    String eventName() default "*";

    /** Instance key pattern. */
    String instanceKey() default "*";

    /** The kinds to receive; empty (the default) for every kind the parameters accept. */
    NotificationKind[] kinds() default {};
}
