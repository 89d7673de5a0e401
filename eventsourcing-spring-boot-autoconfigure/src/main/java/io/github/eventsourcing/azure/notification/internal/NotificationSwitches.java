package io.github.eventsourcing.azure.notification.internal;

import io.github.eventsourcing.azure.notification.Notification;
import io.github.eventsourcing.azure.notification.NotificationKind;
import io.github.eventsourcing.azure.stream.StreamId;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which kinds of notification are published for which streams. Each kind is switched globally and per
 * domain/entity; for a stream of {@code Bank/Account} the first setting found wins, looking at
 * {@code Bank.Account}, {@code Bank.ALL}, {@code ALL.Account}, {@code ALL.ALL}, then the global setting, then the
 * default: the write notifications (new entity, deleted entity, new event) on, the projection and classification
 * notifications off (every read would publish one). Keys match domain and entity names case-insensitively, so
 * settings from environment variables (upper case) work too.
 */
public final class NotificationSwitches {

    public static final String ALL = "ALL";

    private final Map<NotificationKind, Boolean> global;
    private final Map<String, Map<NotificationKind, Boolean>> byType;
    private final Map<String, Boolean> resolved = new ConcurrentHashMap<>();

    private NotificationSwitches(Map<NotificationKind, Boolean> global, Map<String, Map<NotificationKind, Boolean>> byType) {
        this.global = global;
        this.byType = byType;
    }

    /** The defaults: write notifications on, projection and classification notifications off. */
    public static NotificationSwitches defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEnabled(NotificationKind kind, StreamId.StreamType type) {
        return resolved.computeIfAbsent(kind + "|" + type, key -> resolve(kind, type));
    }

    public boolean isEnabled(Notification notification) {
        return isEnabled(notification.kind(), notification.streamId().type());
    }

    private boolean resolve(NotificationKind kind, StreamId.StreamType type) {
        for (String key : new String[]{key(type.domain(), type.entityType()), key(type.domain(), ALL),
                key(ALL, type.entityType()), key(ALL, ALL)}) {
            Boolean value = byType.getOrDefault(key, Map.of()).get(kind);
            if (value != null) {
                return value;
            }
        }
        Boolean value = global.get(kind);
        if (value != null) {
            return value;
        }
        return kind == NotificationKind.NEW_ENTITY || kind == NotificationKind.DELETED_ENTITY
                || kind == NotificationKind.NEW_EVENT;
    }

    private static String key(String domain, String entity) {
        return (domain + "." + entity).toLowerCase(Locale.ROOT);
    }

    public static final class Builder {

        private final Map<NotificationKind, Boolean> global = new EnumMap<>(NotificationKind.class);
        private final Map<String, Map<NotificationKind, Boolean>> byType = new HashMap<>();

        private Builder() {
        }

        /** Switches a kind for every stream that has no more specific setting. */
        public Builder global(NotificationKind kind, boolean enabled) {
            global.put(kind, enabled);
            return this;
        }

        /**
         * Switches a kind for a domain/entity pattern: {@code Domain.Entity}, {@code Domain.ALL}, {@code ALL.Entity}
         * or {@code ALL.ALL}.
         */
        public Builder forType(String pattern, NotificationKind kind, boolean enabled) {
            String[] parts = pattern.split("\\.", -1);
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new IllegalArgumentException("A notification switch is set for 'Domain.Entity', 'Domain.ALL', "
                        + "'ALL.Entity' or 'ALL.ALL', not '" + pattern + "'");
            }
            byType.computeIfAbsent(key(parts[0], parts[1]), k -> new EnumMap<>(NotificationKind.class)).put(kind, enabled);
            return this;
        }

        public NotificationSwitches build() {
            Map<String, Map<NotificationKind, Boolean>> copy = new HashMap<>();
            byType.forEach((key, kinds) -> copy.put(key, Map.copyOf(kinds)));
            return new NotificationSwitches(Map.copyOf(global), Map.copyOf(copy));
        }
    }
}
