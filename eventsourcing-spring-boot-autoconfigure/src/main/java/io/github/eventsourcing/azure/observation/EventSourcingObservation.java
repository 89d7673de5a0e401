package io.github.eventsourcing.azure.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Every observation the library makes, with its keys. Low-cardinality keys become metric tags and span attributes;
 * high-cardinality keys (such as the instance key) become span attributes only, so they never multiply time series.
 *
 * <table>
 * <caption>Observations</caption>
 * <tr><th>name</th><th>what is timed</th><th>low-cardinality keys</th><th>high-cardinality keys</th></tr>
 * <tr><td>{@code eventsourcing.store}</td><td>one call to the storage backend</td>
 *     <td>domain, entity, backend, operation, outcome</td><td>instance key, events</td></tr>
 * <tr><td>{@code eventsourcing.projection}</td><td>folding one stream into a projection</td>
 *     <td>domain, entity, backend, projection, outcome</td><td>instance key, as-of sequence</td></tr>
 * <tr><td>{@code eventsourcing.classification}</td><td>classifying one stream, or every instance of a
 *     domain/entity</td><td>domain, entity, backend, classification, scope, outcome</td>
 *     <td>instance key, as-of sequence, included</td></tr>
 * <tr><td>{@code eventsourcing.notification.publish}</td><td>publishing a batch of change notifications (e.g. to
 *     Event Grid)</td><td>domain, entity, outcome</td><td>notifications, published</td></tr>
 * </table>
 */
public enum EventSourcingObservation implements ObservationDocumentation {

    /**
     * One call to a storage backend: the {@code operation} key says which ({@code append}, {@code read},
     * {@code version}, {@code delete}, {@code instance-keys}). A read is timed until the last event has been handed
     * on, so it includes the time the reader spent on each event.
     */
    STORE_OPERATION {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultEventStoreObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return new KeyName[] {CommonKeys.DOMAIN, CommonKeys.ENTITY, CommonKeys.BACKEND, StoreKeys.OPERATION,
                    CommonKeys.OUTCOME};
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return new KeyName[] {CommonKeys.INSTANCE_KEY, StoreKeys.EVENTS};
        }
    },

    /** Folding one stream into a projection (including the reads it makes, which are child observations). */
    PROJECTION {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultProjectionObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return new KeyName[] {CommonKeys.DOMAIN, CommonKeys.ENTITY, CommonKeys.BACKEND, FoldKeys.PROJECTION,
                    CommonKeys.OUTCOME};
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return new KeyName[] {CommonKeys.INSTANCE_KEY, FoldKeys.AS_OF_SEQUENCE};
        }
    },

    /**
     * Classifying one stream ({@code scope = instance}) or every instance of a domain/entity
     * ({@code scope = all-instances}, from {@code instanceKeysIncludedBy}).
     */
    CLASSIFICATION {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultClassificationObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return new KeyName[] {CommonKeys.DOMAIN, CommonKeys.ENTITY, CommonKeys.BACKEND, FoldKeys.CLASSIFICATION,
                    FoldKeys.SCOPE, CommonKeys.OUTCOME};
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return new KeyName[] {CommonKeys.INSTANCE_KEY, FoldKeys.AS_OF_SEQUENCE, FoldKeys.INCLUDED};
        }
    },

    /**
     * Publishing one batch of change notifications. The domain and entity are those of every notification in the
     * batch, or {@code mixed} when the batch spans several.
     */
    NOTIFICATION_PUBLISH {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultNotificationPublishObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return new KeyName[] {CommonKeys.DOMAIN, CommonKeys.ENTITY, CommonKeys.OUTCOME};
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return new KeyName[] {NotificationKeys.NOTIFICATIONS, NotificationKeys.PUBLISHED};
        }
    };

    /** Keys every observation of the library carries. */
    public enum CommonKeys implements KeyName {
        /** The stream's domain, e.g. {@code Bank}. */
        DOMAIN("eventsourcing.domain"),
        /** The stream's entity type, e.g. {@code Account}. */
        ENTITY("eventsourcing.entity"),
        /** The backend serving the domain/entity: {@code table}, {@code append-blob}, {@code in-memory}. */
        BACKEND("eventsourcing.backend"),
        /** {@code ok}, {@code conflict} or {@code error} (see {@link Outcome}). */
        OUTCOME("eventsourcing.outcome"),
        /** The stream's instance key: high cardinality, so on spans only. */
        INSTANCE_KEY("eventsourcing.instance.key");

        private final String key;

        CommonKeys(String key) {
            this.key = key;
        }

        @Override
        public String asString() {
            return key;
        }
    }

    /** Keys of {@link #STORE_OPERATION}. */
    public enum StoreKeys implements KeyName {
        /** {@code append}, {@code read}, {@code version}, {@code delete} or {@code instance-keys}. */
        OPERATION("eventsourcing.operation"),
        /** How many events were appended or read. */
        EVENTS("eventsourcing.events");

        private final String key;

        StoreKeys(String key) {
            this.key = key;
        }

        @Override
        public String asString() {
            return key;
        }
    }

    /** Keys of {@link #PROJECTION} and {@link #CLASSIFICATION}. */
    public enum FoldKeys implements KeyName {
        /** The projection's name ({@code @ProjectionName}, else the simple class name). */
        PROJECTION("eventsourcing.projection"),
        /** The classification's name ({@code @ProjectionName}, else the simple class name). */
        CLASSIFICATION("eventsourcing.classification"),
        /** {@code instance} (one stream) or {@code all-instances} (every instance of the domain/entity). */
        SCOPE("eventsourcing.classification.scope"),
        /** The sequence of the last event folded. */
        AS_OF_SEQUENCE("eventsourcing.as-of.sequence"),
        /** Whether the classification included the instance. */
        INCLUDED("eventsourcing.classification.included");

        private final String key;

        FoldKeys(String key) {
            this.key = key;
        }

        @Override
        public String asString() {
            return key;
        }
    }

    /** Keys of {@link #NOTIFICATION_PUBLISH}. */
    public enum NotificationKeys implements KeyName {
        /** How many notifications the batch held. */
        NOTIFICATIONS("eventsourcing.notifications"),
        /** How many of them were published (fewer than the batch when publishing failed part way). */
        PUBLISHED("eventsourcing.notifications.published");

        private final String key;

        NotificationKeys(String key) {
            this.key = key;
        }

        @Override
        public String asString() {
            return key;
        }
    }
}
