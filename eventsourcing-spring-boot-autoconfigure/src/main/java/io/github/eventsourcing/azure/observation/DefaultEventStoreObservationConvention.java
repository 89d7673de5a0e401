package io.github.eventsourcing.azure.observation;

import io.github.eventsourcing.azure.observation.EventSourcingObservation.CommonKeys;
import io.github.eventsourcing.azure.observation.EventSourcingObservation.StoreKeys;
import io.micrometer.common.KeyValues;

/** The documented names and keys of {@link EventSourcingObservation#STORE_OPERATION}. */
public class DefaultEventStoreObservationConvention implements EventStoreObservationConvention {

    public static final String NAME = "eventsourcing.store";

    @Override
    public String getName() {
        return NAME;
    }

    /** For spans: e.g. {@code append Bank.Account}. */
    @Override
    public String getContextualName(EventStoreObservationContext context) {
        return context.operation().value() + " " + context.streamType();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(EventStoreObservationContext context) {
        return KeyValues.of(
                CommonKeys.DOMAIN.withValue(context.streamType().domain()),
                CommonKeys.ENTITY.withValue(context.streamType().entityType()),
                CommonKeys.BACKEND.withValue(context.backend()),
                StoreKeys.OPERATION.withValue(context.operation().value()),
                CommonKeys.OUTCOME.withValue(Outcome.of(context.getError()).value()));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(EventStoreObservationContext context) {
        KeyValues values = KeyValues.empty();
        if (context.instanceKey() != null) {
            values = values.and(CommonKeys.INSTANCE_KEY.withValue(context.instanceKey()));
        }
        if (context.events() >= 0) {
            values = values.and(StoreKeys.EVENTS.withValue(Long.toString(context.events())));
        }
        return values;
    }
}
