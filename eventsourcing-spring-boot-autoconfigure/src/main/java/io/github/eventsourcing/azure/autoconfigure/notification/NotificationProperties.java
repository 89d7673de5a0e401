package io.github.eventsourcing.azure.autoconfigure.notification;

import io.github.eventsourcing.azure.autoconfigure.InvalidEventSourcingConfigurationException;
import io.github.eventsourcing.azure.notification.EventGridSchema;
import io.github.eventsourcing.azure.notification.NotificationKind;
import io.github.eventsourcing.azure.notification.internal.EventGridNotificationPublisher;
import io.github.eventsourcing.azure.notification.internal.NotificationDispatcher;
import io.github.eventsourcing.azure.notification.internal.NotificationSwitches;
import io.github.eventsourcing.azure.stream.StreamId.StreamType;
import io.github.eventsourcing.azure.stream.internal.StreamTypeRules;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Change notifications through Azure Event Grid ({@code eventsourcing.notifications.*}): publishing the changes of
 * this application's event streams, and a webhook that receives them.
 */
@ConfigurationProperties("eventsourcing.notifications")
public class NotificationProperties {

    /** Whether to publish notifications of this application's writes. Off unless set. */
    private boolean enabled;

    /**
     * Global switches for each kind of notification, overridden per domain/entity by {@link #streams}. Unset kinds:
     * new-entity, deleted-entity and new-event on; projection-completed and classification-completed off.
     */
    private final Kinds kinds = new Kinds();

    /**
     * Switches per domain/entity, keyed {@code Domain.Entity}, {@code Domain.ALL}, {@code ALL.Entity} or
     * {@code ALL.ALL} (in YAML in brackets: {@code "[Bank.Account]"}); the most specific setting of a kind wins. Keys
     * match domain and entity names exactly, letter case included, like the storage rules.
     */
    private final Map<String, Kinds> streams = new LinkedHashMap<>();

    private final EventGrid eventGrid = new EventGrid();

    private final Dispatch dispatch = new Dispatch();

    private final Webhook webhook = new Webhook();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Kinds getKinds() {
        return kinds;
    }

    public Map<String, Kinds> getStreams() {
        return streams;
    }

    public EventGrid getEventGrid() {
        return eventGrid;
    }

    public Dispatch getDispatch() {
        return dispatch;
    }

    public Webhook getWebhook() {
        return webhook;
    }

    /**
     * Whether notifications of a kind are sent for a domain/entity: its most specific {@code streams} rule that sets
     * the kind decides, then {@code kinds}, then the kind's default.
     */
    public boolean sends(NotificationKind kind, StreamType type) {
        return switches().isEnabled(kind, type);
    }

    /** The switches these properties describe. */
    NotificationSwitches switches() {
        NotificationSwitches.Builder builder = NotificationSwitches.builder();
        kinds.forEachSet(builder::global);
        streams.forEach((pattern, set) -> set.forEachSet((kind, on) -> builder.forType(pattern, kind, on)));
        return builder.build();
    }

    /**
     * The switches these properties describe, refusing a switch that would match one of the storage rules
     * ({@code eventsourcing.streams}) only when letter case is ignored: it would silently switch nothing.
     */
    NotificationSwitches switches(Collection<String> storageRuleKeys) {
        streams.keySet().forEach(key -> StreamTypeRules.caseOnlyMatch(key, storageRuleKeys).ifPresent(match -> {
            throw new InvalidEventSourcingConfigurationException("The notification switch "
                    + "eventsourcing.notifications.streams.[" + key + "] matches the storage rule eventsourcing.streams.["
                    + match.rule() + "] only when letter case is ignored; domain and entity names are case-sensitive, "
                    + "so it would switch nothing.", "Write the switch as eventsourcing.notifications.streams.["
                    + match.corrected() + "] (in YAML \"[" + match.corrected() + "]\"). Environment variables "
                    + "cannot carry the case of a key: set such a switch in a properties or YAML file.");
        }));
        return switches();
    }

    /** Each kind of notification on or off; unset inherits from the next less specific level. */
    public static class Kinds {

        /** Whether to announce new streams ({Domain}.{Entity}.NewEntity). Default: on. */
        private Boolean newEntity;

        /** Whether to announce deleted streams ({Domain}.{Entity}.DeletedEntity). Default: on. */
        private Boolean deletedEntity;

        /** Whether to announce appended events ({Domain}.{Entity}.{EventName}). Default: on. */
        private Boolean newEvent;

        /** Whether to announce completed projections ({Domain}.{Entity}.{ProjectionName}). Default: off. */
        private Boolean projectionCompleted;

        /** Whether to announce completed classifications ({Domain}.{Entity}.{ClassificationName}). Default: off. */
        private Boolean classificationCompleted;

        public Boolean getNewEntity() {
            return newEntity;
        }

        public void setNewEntity(Boolean newEntity) {
            this.newEntity = newEntity;
        }

        public Boolean getDeletedEntity() {
            return deletedEntity;
        }

        public void setDeletedEntity(Boolean deletedEntity) {
            this.deletedEntity = deletedEntity;
        }

        public Boolean getNewEvent() {
            return newEvent;
        }

        public void setNewEvent(Boolean newEvent) {
            this.newEvent = newEvent;
        }

        public Boolean getProjectionCompleted() {
            return projectionCompleted;
        }

        public void setProjectionCompleted(Boolean projectionCompleted) {
            this.projectionCompleted = projectionCompleted;
        }

        public Boolean getClassificationCompleted() {
            return classificationCompleted;
        }

        public void setClassificationCompleted(Boolean classificationCompleted) {
            this.classificationCompleted = classificationCompleted;
        }

        void forEachSet(java.util.function.BiConsumer<NotificationKind, Boolean> action) {
            if (newEntity != null) {
                action.accept(NotificationKind.NEW_ENTITY, newEntity);
            }
            if (deletedEntity != null) {
                action.accept(NotificationKind.DELETED_ENTITY, deletedEntity);
            }
            if (newEvent != null) {
                action.accept(NotificationKind.NEW_EVENT, newEvent);
            }
            if (projectionCompleted != null) {
                action.accept(NotificationKind.PROJECTION_COMPLETED, projectionCompleted);
            }
            if (classificationCompleted != null) {
                action.accept(NotificationKind.CLASSIFICATION_COMPLETED, classificationCompleted);
            }
        }
    }

    /**
     * The Event Grid topic. With no endpoint here, the {@code EventGridPublisherClientBuilder} of spring-cloud-azure
     * ({@code spring.cloud.azure.eventgrid.*}) is used when there is one.
     */
    public static class EventGrid {

        /** The topic endpoint, e.g. {@code https://my-topic.westeurope-1.eventgrid.azure.net/api/events}. */
        private String endpoint;

        /** The topic access key (sent as {@code aeg-sas-key}). */
        private String key;

        /** A shared access signature (sent as {@code aeg-sas-token}), instead of the key. */
        private String sasToken;

        /**
         * The topic's input schema. Without key or SAS token, the application's Azure {@code TokenCredential} bean
         * (Microsoft Entra ID) authenticates.
         */
        private EventGridSchema schema = EventGridSchema.EVENT_GRID;

        /** Retries of one request inside the SDK client (the dispatcher retries further, with back-off). */
        private int maxRetries = 2;

        /** How long to wait for Event Grid's answer to one request. */
        private Duration timeout = Duration.ofSeconds(30);

        /** The most bytes to put in one request (Event Grid accepts 1 MB). */
        private int maxRequestBytes = EventGridNotificationPublisher.DEFAULT_MAX_REQUEST_BYTES;

        public String getEndpoint() {
            return endpoint;
        }

        public void setEndpoint(String endpoint) {
            this.endpoint = endpoint;
        }

        public String getKey() {
            return key;
        }

        public void setKey(String key) {
            this.key = key;
        }

        public String getSasToken() {
            return sasToken;
        }

        public void setSasToken(String sasToken) {
            this.sasToken = sasToken;
        }

        public EventGridSchema getSchema() {
            return schema;
        }

        public void setSchema(EventGridSchema schema) {
            this.schema = schema;
        }

        public int getMaxRetries() {
            return maxRetries;
        }

        public void setMaxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public int getMaxRequestBytes() {
            return maxRequestBytes;
        }

        public void setMaxRequestBytes(int maxRequestBytes) {
            this.maxRequestBytes = maxRequestBytes;
        }
    }

    /** How the notifications of durable writes are dispatched. */
    public static class Dispatch {

        /** How often the storage is searched for writes whose notifications are not published yet. */
        private Duration pollInterval = Duration.ofSeconds(30);

        /** Writes younger than this are left to the instance that made them when polling. */
        private Duration pollMinAge = Duration.ofSeconds(10);

        /**
         * How often the storage is searched in full (and at start), for writes whose entry in the change index was
         * lost in a crash and for writes older than the index; polls in between read only the index.
         */
        private Duration sweepInterval = NotificationDispatcher.Settings.DEFAULT_SWEEP_INTERVAL;

        /** The first pause after a failed publish; doubled after each further failure. */
        private Duration initialBackoff = Duration.ofSeconds(1);

        /** The longest pause between attempts at one stream. */
        private Duration maxBackoff = Duration.ofMinutes(5);

        /**
         * The longest pause of all publishing while the Event Grid topic is unreachable (no answer, 5xx, 408, 429,
         * 401, 403 or 404); the backlog resumes within about this long of the topic's return.
         */
        private Duration maxTopicPause = NotificationDispatcher.Settings.DEFAULT_MAX_TOPIC_PAUSE;

        /**
         * Attempts at a stream's notifications that cannot be built or that the topic refuses (other 4xx) before
         * they are set aside as a dead letter; the stream's later notifications then wait until it is retried or
         * skipped.
         */
        private int maxAttempts = NotificationDispatcher.Settings.DEFAULT_MAX_ATTEMPTS;

        /** Events read and published per round. */
        private int batchSize = 100;

        /** Streams dispatched at once. */
        private int threads = 2;

        /** Streams waiting at most; more are left for the next poll. */
        private int maxQueuedStreams = 10_000;

        /** Notifications without a durable record (projections, in-memory store) waiting at most; more are dropped. */
        private int bestEffortQueueCapacity = 10_000;

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public Duration getPollMinAge() {
            return pollMinAge;
        }

        public void setPollMinAge(Duration pollMinAge) {
            this.pollMinAge = pollMinAge;
        }

        public Duration getSweepInterval() {
            return sweepInterval;
        }

        public void setSweepInterval(Duration sweepInterval) {
            this.sweepInterval = sweepInterval;
        }

        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public Duration getMaxTopicPause() {
            return maxTopicPause;
        }

        public void setMaxTopicPause(Duration maxTopicPause) {
            this.maxTopicPause = maxTopicPause;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public int getThreads() {
            return threads;
        }

        public void setThreads(int threads) {
            this.threads = threads;
        }

        public int getMaxQueuedStreams() {
            return maxQueuedStreams;
        }

        public void setMaxQueuedStreams(int maxQueuedStreams) {
            this.maxQueuedStreams = maxQueuedStreams;
        }

        public int getBestEffortQueueCapacity() {
            return bestEffortQueueCapacity;
        }

        public void setBestEffortQueueCapacity(int bestEffortQueueCapacity) {
            this.bestEffortQueueCapacity = bestEffortQueueCapacity;
        }
    }

    /** The endpoint Event Grid delivers notifications to, for {@code @NotificationListener} methods. */
    public static class Webhook {

        /** Whether to serve the webhook. Off unless set; needs a servlet web application and a secret. */
        private boolean enabled;

        /** The path of the webhook. */
        private String path = "/eventsourcing/notifications";

        /** The shared secret every delivery must carry (put it in the subscription's endpoint URL). */
        private String secret;

        /** The query parameter of the subscription URL that carries the secret. */
        private String secretParameter = "code";

        /** A header that may carry the secret instead (set as a delivery property of the subscription). */
        private String secretHeader;

        /** How many (listener method, notification id) pairs are remembered to drop duplicate deliveries. */
        private int recentIdsCapacity = 10_000;

        /** Larger delivery bodies are refused (413); Event Grid delivers at most 1 MB at once. */
        private int maxBodyBytes = 2 * 1024 * 1024;

        /** How long a duplicate delivery waits for the first one still being handled. */
        private Duration duplicateWait = Duration.ofSeconds(30);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public String getSecret() {
            return secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }

        public String getSecretParameter() {
            return secretParameter;
        }

        public void setSecretParameter(String secretParameter) {
            this.secretParameter = secretParameter;
        }

        public String getSecretHeader() {
            return secretHeader;
        }

        public void setSecretHeader(String secretHeader) {
            this.secretHeader = secretHeader;
        }

        public int getRecentIdsCapacity() {
            return recentIdsCapacity;
        }

        public void setRecentIdsCapacity(int recentIdsCapacity) {
            this.recentIdsCapacity = recentIdsCapacity;
        }

        public int getMaxBodyBytes() {
            return maxBodyBytes;
        }

        public void setMaxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
        }

        public Duration getDuplicateWait() {
            return duplicateWait;
        }

        public void setDuplicateWait(Duration duplicateWait) {
            this.duplicateWait = duplicateWait;
        }
    }
}
