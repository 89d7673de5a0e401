package io.github.eventsourcing.azure.notification.internal;

import io.github.eventsourcing.azure.notification.ClassificationCompletedNotification;
import io.github.eventsourcing.azure.notification.DeletedEntityNotification;
import io.github.eventsourcing.azure.notification.NewEntityNotification;
import io.github.eventsourcing.azure.notification.NewEventNotification;
import io.github.eventsourcing.azure.notification.Notification;
import io.github.eventsourcing.azure.notification.NotificationKind;
import io.github.eventsourcing.azure.notification.NotificationListener;
import io.github.eventsourcing.azure.notification.ProjectionCompletedNotification;
import io.github.eventsourcing.azure.notification.QueryCompletedNotification;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.StreamId;
import org.springframework.aop.support.AopUtils;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/** One {@link NotificationListener} method of one bean: which notifications it takes and how to call it. */
final class NotificationListenerMethod {

    private enum Argument { NOTIFICATION, STREAM_ID, PAYLOAD }

    private final Object bean;
    private final Method method;
    private final String id;
    private final NamePattern domain;
    private final NamePattern entity;
    private final NamePattern eventName;
    private final NamePattern instanceKey;
    private final Set<NotificationKind> kinds;
    private final Class<? extends Notification> notificationType;
    private final Class<?> payloadType;
    private final Argument[] arguments;

    @SuppressWarnings("unchecked")
    NotificationListenerMethod(String beanName, Object bean, Method declared) {
        this.bean = bean;
        this.method = AopUtils.selectInvocableMethod(declared, bean.getClass());
        this.method.trySetAccessible();
        this.id = beanName + "#" + declared.getName() + Arrays.toString(declared.getParameterTypes());
        NotificationListener annotation = declared.getAnnotation(NotificationListener.class);
        this.domain = NamePattern.of(annotation.domain());
        this.entity = NamePattern.of(annotation.entity());
        this.eventName = NamePattern.of(annotation.eventName());
        this.instanceKey = NamePattern.of(annotation.instanceKey());
        Class<?>[] parameters = declared.getParameterTypes();
        this.arguments = new Argument[parameters.length];
        Class<? extends Notification> notification = null;
        Class<?> payload = null;
        for (int i = 0; i < parameters.length; i++) {
            Class<?> type = parameters[i];
            if (Notification.class.isAssignableFrom(type)) {
                require(notification == null, "takes more than one notification parameter");
                notification = (Class<? extends Notification>) type;
                arguments[i] = Argument.NOTIFICATION;
            } else if (type == StreamId.class) {
                require(Arrays.stream(arguments).noneMatch(a -> a == Argument.STREAM_ID), "takes StreamId twice");
                arguments[i] = Argument.STREAM_ID;
            } else {
                require(payload == null, "takes more than one event payload parameter (" + payload + ", " + type + ")");
                require(!type.isPrimitive(), "takes a primitive " + type + ", which no event payload is");
                payload = type;
                arguments[i] = Argument.PAYLOAD;
            }
        }
        this.notificationType = notification == null ? Notification.class : notification;
        this.payloadType = payload;
        Set<NotificationKind> accepted = EnumSet.noneOf(NotificationKind.class);
        accepted.addAll(annotation.kinds().length == 0 ? Arrays.asList(NotificationKind.values())
                : Arrays.asList(annotation.kinds()));
        accepted.removeIf(kind -> !this.notificationType.isAssignableFrom(typeOf(kind)));
        if (payload != null) {
            accepted.retainAll(Set.of(NotificationKind.NEW_EVENT));
        }
        require(!accepted.isEmpty(), "can never be called: its kinds and parameter types exclude each other");
        this.kinds = accepted;
    }

    private void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException("@NotificationListener method " + method + " " + problem);
        }
    }

    /** A stable identity of this method, to remember which notifications it already took. */
    String id() {
        return id;
    }

    /** The event class the method's payload parameter names, when it is one ({@link EventName}). */
    Class<?> eventClass() {
        return payloadType != null && payloadType.isAnnotationPresent(EventName.class) ? payloadType : null;
    }

    boolean wantsPayload() {
        return payloadType != null;
    }

    /** Whether the notification passes the method's filters (the payload type is checked by {@link #accepts}). */
    boolean matches(Notification notification) {
        StreamId stream = notification.streamId();
        return kinds.contains(notification.kind()) && domain.matches(stream.domain())
                && entity.matches(stream.entityType()) && instanceKey.matches(stream.instanceKey())
                && eventName.matches(notification.name());
    }

    /** Whether the method takes this payload (always, when it takes none). */
    boolean accepts(Object payload) {
        return payloadType == null || payloadType.isInstance(payload);
    }

    void invoke(Notification notification, Object payload) throws Throwable {
        Object[] values = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            values[i] = switch (arguments[i]) {
                case NOTIFICATION -> notification;
                case STREAM_ID -> notification.streamId();
                case PAYLOAD -> payload;
            };
        }
        try {
            method.invoke(bean, values);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Class<? extends Notification> typeOf(NotificationKind kind) {
        return switch (kind) {
            case NEW_ENTITY -> NewEntityNotification.class;
            case DELETED_ENTITY -> DeletedEntityNotification.class;
            case NEW_EVENT -> NewEventNotification.class;
            case PROJECTION_COMPLETED -> ProjectionCompletedNotification.class;
            case CLASSIFICATION_COMPLETED -> ClassificationCompletedNotification.class;
            case QUERY_COMPLETED -> QueryCompletedNotification.class;
        };
    }

    @Override
    public String toString() {
        return id;
    }
}
