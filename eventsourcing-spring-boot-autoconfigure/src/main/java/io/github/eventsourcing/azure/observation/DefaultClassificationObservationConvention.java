package io.github.eventsourcing.azure.observation;

import io.github.eventsourcing.azure.observation.EventSourcingObservation.CommonKeys;
import io.github.eventsourcing.azure.observation.EventSourcingObservation.FoldKeys;
import io.micrometer.common.KeyValues;

/** The documented names and keys of {@link EventSourcingObservation#CLASSIFICATION}. */
public class DefaultClassificationObservationConvention implements ClassificationObservationConvention {

    public static final String NAME = "eventsourcing.classification";

    @Override
    public String getName() {
        return NAME;
    }

    /** For spans: e.g. {@code classify Balance Below Threshold}. */
    @Override
    public String getContextualName(ClassificationObservationContext context) {
        return "classify " + context.classificationName();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ClassificationObservationContext context) {
        return KeyValues.of(
                CommonKeys.DOMAIN.withValue(context.streamType().domain()),
                CommonKeys.ENTITY.withValue(context.streamType().entityType()),
                CommonKeys.BACKEND.withValue(context.backend()),
                FoldKeys.CLASSIFICATION.withValue(context.classificationName()),
                FoldKeys.SCOPE.withValue(context.scope().value()),
                CommonKeys.OUTCOME.withValue(Outcome.of(context.getError()).value()));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(ClassificationObservationContext context) {
        KeyValues values = KeyValues.empty();
        if (context.instanceKey() != null) {
            values = values.and(CommonKeys.INSTANCE_KEY.withValue(context.instanceKey()));
        }
        if (context.included() != null) {
            values = values.and(FoldKeys.AS_OF_SEQUENCE.withValue(Long.toString(context.asOfSequence())),
                    FoldKeys.INCLUDED.withValue(context.included().toString()));
        }
        return values;
    }
}
