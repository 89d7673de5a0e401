package io.github.eventsourcing.azure.notification.internal;

import io.github.eventsourcing.azure.notification.Notification;
import io.github.eventsourcing.azure.notification.NotificationKind;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.internal.StreamTypeRules;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which kinds of notification are published for which streams. Each kind is switched globally and per
 * domain/entity; for a stream of {@code Bank/Account} the first setting found wins, looking at
 * {@code Bank.Account}, {@code Bank.ALL}, {@code ALL.Account}, {@code ALL.ALL} (the lookup of the storage rules,
 * {@link StreamTypeRules}, letter case included), then the global setting, then the default: the write notifications
 * (new entity, deleted entity, new event) on, the projection and classification notifications off (every read would
 * publish one).
 */
public final class NotificationSwitches {

    private final Map<NotificationKind, Boolean> global;
    private final Map<NotificationKind, StreamTypeRules<Boolean>> byType;
    private final Map<String, Boolean> resolved = new ConcurrentHashMap<>();

    private NotificationSwitches(Map<NotificationKind, Boolean> global,
                                 Map<NotificationKind, StreamTypeRules<Boolean>> byType) {
        this.global = global;
        this.byType = byType;
    }

    /** The defaults: write notifications on, projection and classification notifications off. */
    public static NotificationSwitches defaults() {
        return builder().build();
    }

    /** Every notification off: the dispatcher then only moves marks (when it runs for read models alone). */
    public static NotificationSwitches none() {
        Builder builder = builder();
        for (NotificationKind kind : NotificationKind.values()) {
            builder.global(kind, false);
        }
        return builder.build();
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
        StreamTypeRules<Boolean> rules = byType.get(kind);
        if (rules != null) {
            Boolean value = rules.find(type).orElse(null);
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

    public static final class Builder {

        private final Map<NotificationKind, Boolean> global = new EnumMap<>(NotificationKind.class);
        private final Map<NotificationKind, Map<String, Boolean>> byType = new EnumMap<>(NotificationKind.class);

        private Builder() {
        }

        /** Switches a kind for every stream that has no more specific setting. */
        public Builder global(NotificationKind kind, boolean enabled) {
            global.put(kind, enabled);
            return this;
        }

        /**
         * Switches a kind for a domain/entity pattern: {@code Domain.Entity}, {@code Domain.ALL}, {@code ALL.Entity}
         * or {@code ALL.ALL}, matched as written, letter case included.
         */
        public Builder forType(String pattern, NotificationKind kind, boolean enabled) {
            String[] parts = pattern.split("\\.", -1);
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new IllegalArgumentException("A notification switch is set for 'Domain.Entity', 'Domain.ALL', "
                        + "'ALL.Entity' or 'ALL.ALL', not '" + pattern + "'");
            }
            byType.computeIfAbsent(kind, k -> new HashMap<>()).put(pattern, enabled);
            return this;
        }

        public NotificationSwitches build() {
            Map<NotificationKind, StreamTypeRules<Boolean>> rules = new EnumMap<>(NotificationKind.class);
            byType.forEach((kind, switches) -> rules.put(kind, StreamTypeRules.of(switches)));
            return new NotificationSwitches(Map.copyOf(global), Map.copyOf(rules));
        }
    }
}
