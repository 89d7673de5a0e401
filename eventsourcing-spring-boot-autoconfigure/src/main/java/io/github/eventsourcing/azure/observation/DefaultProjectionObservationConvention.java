package io.github.eventsourcing.azure.observation;

import io.github.eventsourcing.azure.observation.EventSourcingObservation.CommonKeys;
import io.github.eventsourcing.azure.observation.EventSourcingObservation.FoldKeys;
import io.micrometer.common.KeyValues;

/** The documented names and keys of {@link EventSourcingObservation#PROJECTION}. */
public class DefaultProjectionObservationConvention implements ProjectionObservationConvention {

    public static final String NAME = "eventsourcing.projection";

    @Override
    public String getName() {
        return NAME;
    }

    /** For spans: e.g. {@code project Balance}. */
    @Override
    public String getContextualName(ProjectionObservationContext context) {
        return "project " + context.projectionName();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ProjectionObservationContext context) {
        return KeyValues.of(
                CommonKeys.DOMAIN.withValue(context.streamId().domain()),
                CommonKeys.ENTITY.withValue(context.streamId().entityType()),
                CommonKeys.BACKEND.withValue(context.backend()),
                FoldKeys.PROJECTION.withValue(context.projectionName()),
                CommonKeys.OUTCOME.withValue(Outcome.of(context.getError()).value()));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(ProjectionObservationContext context) {
        KeyValues values = KeyValues.of(CommonKeys.INSTANCE_KEY.withValue(context.streamId().instanceKey()));
        return context.asOfSequence() < 0 ? values
                : values.and(FoldKeys.AS_OF_SEQUENCE.withValue(Long.toString(context.asOfSequence())));
    }
}
