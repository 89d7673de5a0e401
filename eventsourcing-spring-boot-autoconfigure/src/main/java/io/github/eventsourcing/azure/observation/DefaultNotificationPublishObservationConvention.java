package io.github.eventsourcing.azure.observation;

import io.github.eventsourcing.azure.observation.EventSourcingObservation.CommonKeys;
import io.github.eventsourcing.azure.observation.EventSourcingObservation.NotificationKeys;
import io.micrometer.common.KeyValues;

/** The documented names and keys of {@link EventSourcingObservation#NOTIFICATION_PUBLISH}. */
public class DefaultNotificationPublishObservationConvention implements NotificationPublishObservationConvention {

    public static final String NAME = "eventsourcing.notification.publish";

    @Override
    public String getName() {
        return NAME;
    }

    /** For spans: e.g. {@code publish notifications Bank.Account}. */
    @Override
    public String getContextualName(NotificationPublishObservationContext context) {
        return "publish notifications " + context.domain() + "." + context.entity();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(NotificationPublishObservationContext context) {
        return KeyValues.of(
                CommonKeys.DOMAIN.withValue(context.domain()),
                CommonKeys.ENTITY.withValue(context.entity()),
                CommonKeys.OUTCOME.withValue(Outcome.of(context.getError()).value()));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(NotificationPublishObservationContext context) {
        KeyValues values = KeyValues.of(NotificationKeys.NOTIFICATIONS.withValue(
                Integer.toString(context.notifications().size())));
        return context.published() < 0 ? values
                : values.and(NotificationKeys.PUBLISHED.withValue(Integer.toString(context.published())));
    }
}
