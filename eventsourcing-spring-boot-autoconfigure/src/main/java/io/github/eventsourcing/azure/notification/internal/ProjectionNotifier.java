package io.github.eventsourcing.azure.notification.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventsourcing.azure.notification.ClassificationCompletedNotification;
import io.github.eventsourcing.azure.notification.NotificationKind;
import io.github.eventsourcing.azure.notification.ProjectionCompletedNotification;
import io.github.eventsourcing.azure.projection.ClassificationResult;
import io.github.eventsourcing.azure.projection.ProjectionListener;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.stream.internal.StorageObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Publishes projection- and classification-completed notifications, best effort: reads never write, so there is
 * no durable record to publish from, and a lost one is only a missed cache refresh for a subscriber. Each completed
 * run is its own notification with a random id. The state is turned into JSON in the reading thread, because the
 * caller may change the state object once it has it back; only when the kind is on. Like a snapshot, the JSON holds
 * the state's fields (projection classes usually keep them package-private, without getters), written with the
 * storage mapper's settings.
 */
public final class ProjectionNotifier implements ProjectionListener {

    private static final Logger log = LoggerFactory.getLogger(ProjectionNotifier.class);

    private final BestEffortPublisher publisher;
    private final NotificationSwitches switches;
    private final Supplier<ObjectMapper> storageMapper;
    private final Clock clock;
    private volatile ObjectMapper stateMapper;

    /**
     * @param storageMapper the mapper that writes stored events, asked for on first use (so that states look like
     *                      events in JSON)
     */
    public ProjectionNotifier(BestEffortPublisher publisher, NotificationSwitches switches,
                              Supplier<ObjectMapper> storageMapper, Clock clock) {
        this.publisher = publisher;
        this.switches = switches;
        this.storageMapper = storageMapper;
        this.clock = clock;
    }

    @Override
    public void projectionCompleted(String projectionName, ProjectionResult<?> result) {
        try {
            if (!result.exists()
                    || !switches.isEnabled(NotificationKind.PROJECTION_COMPLETED, result.streamId().type())) {
                return;
            }
            ProjectionCompletedNotification notification = new ProjectionCompletedNotification(
                    UUID.randomUUID().toString(), result.streamId(), projectionName, result.asOfSequence(),
                    result.asOfTime(), clock.instant(), stateMapper().writeValueAsString(result.state()));
            publisher.submit(() -> List.of(notification));
        } catch (JsonProcessingException | RuntimeException e) {
            log.warn("Could not announce projection {} of {}", projectionName, result.streamId(), e);
        }
    }

    private ObjectMapper stateMapper() {
        ObjectMapper mapper = stateMapper;
        if (mapper == null) {
            mapper = StorageObjectMapper.forProjectionStates(storageMapper.get());
            stateMapper = mapper;
        }
        return mapper;
    }

    @Override
    public void classificationCompleted(String classificationName, ClassificationResult<?> result,
                                        Map<String, ?> parameters) {
        try {
            if (!result.exists()
                    || !switches.isEnabled(NotificationKind.CLASSIFICATION_COMPLETED, result.streamId().type())) {
                return;
            }
            ClassificationCompletedNotification notification = new ClassificationCompletedNotification(
                    UUID.randomUUID().toString(), result.streamId(), classificationName, result.included(),
                    result.wasEverIncluded(), result.wasEverExcluded(), result.asOfSequence(), result.asOfTime(),
                    clock.instant(), parameters == null || parameters.isEmpty() ? null
                    : storageMapper.get().writeValueAsString(parameters));
            publisher.submit(() -> List.of(notification));
        } catch (JsonProcessingException | RuntimeException e) {
            log.warn("Could not announce classification {} of {}", classificationName, result.streamId(), e);
        }
    }
}
