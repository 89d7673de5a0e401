package io.github.eventsourcing.azure.observation.internal;

import io.github.eventsourcing.azure.memory.internal.InMemoryEventStore;
import io.github.eventsourcing.azure.projection.ClassificationParameter;
import io.github.eventsourcing.azure.projection.ClassificationResult;
import io.github.eventsourcing.azure.projection.Classified;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionName;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.projection.internal.DefaultProjections;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.internal.DefaultEventStreams;
import io.github.eventsourcing.azure.stream.internal.EventSerializer;
import io.github.eventsourcing.azure.stream.internal.EventTypeRegistry;
import io.github.eventsourcing.azure.stream.internal.StorageObjectMapper;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("ObservedProjections")
class ObservedProjectionsTest {

    @EventName("Money Deposited")
    record Deposited(int amount) {
    }

    @EventName("Money Withdrawn")
    record Withdrawn(int amount) {
    }

    @ProjectionName("Balance")
    static class Balance {
        int amount;

        @EventHandler
        void on(Deposited event) {
            amount += event.amount();
        }

        @EventHandler
        void on(Withdrawn event) {
            if (event.amount() > amount) {
                throw new IllegalStateException("overdrawn");
            }
            amount -= event.amount();
        }
    }

    @ProjectionName("Balance Below Threshold")
    static class BelowThreshold {
        @ClassificationParameter("threshold")
        int threshold;
        int balance;

        @EventHandler
        Classified on(Deposited event) {
            balance += event.amount();
            return balance < threshold ? Classified.INCLUDE : Classified.EXCLUDE;
        }
    }

    private static final StreamId ACCOUNT = StreamId.of("Bank", "Account", "A-0001");

    private final TestObservationRegistry registry = TestObservationRegistry.create();
    private final EventStoreRouter router =
            ObservedEventStore.observing(EventStoreRouter.single(new InMemoryEventStore()), registry, null);
    private final DefaultEventStreams streams = new DefaultEventStreams(router,
            new EventSerializer(StorageObjectMapper.create(), new EventTypeRegistry()));
    private final Projections projections =
            new ObservedProjections(new DefaultProjections(streams), router, registry, null, null);

    @Test
    @DisplayName("observes a projection with its name, stream type, backend, outcome and as-of sequence")
    void observesProjection() {
        streams.stream(ACCOUNT).append(new Deposited(10), new Deposited(5));
        registry.clear();

        assertThat(projections.project(ACCOUNT, Balance.class).state().amount).isEqualTo(15);

        assertThat(registry).hasObservationWithNameEqualTo("eventsourcing.projection").that()
                .hasContextualNameEqualTo("project Balance")
                .hasLowCardinalityKeyValue("eventsourcing.domain", "Bank")
                .hasLowCardinalityKeyValue("eventsourcing.entity", "Account")
                .hasLowCardinalityKeyValue("eventsourcing.backend", "in-memory")
                .hasLowCardinalityKeyValue("eventsourcing.projection", "Balance")
                .hasLowCardinalityKeyValue("eventsourcing.outcome", "ok")
                .doesNotHaveLowCardinalityKeyValueWithKey("eventsourcing.instance.key")
                .hasHighCardinalityKeyValue("eventsourcing.instance.key", "A-0001")
                .hasHighCardinalityKeyValue("eventsourcing.as-of.sequence", "2")
                .hasBeenStopped();
    }

    @Test
    @DisplayName("makes the fold's read a child of the projection, so a trace shows it inside the projection span")
    void readIsChildOfProjection() {
        streams.stream(ACCOUNT).append(new Deposited(10));
        registry.clear();

        projections.project(ACCOUNT, Balance.class);

        assertThat(registry).hasObservationWithNameEqualTo("eventsourcing.store").that()
                .hasLowCardinalityKeyValue("eventsourcing.operation", "read")
                .hasParentObservationContextMatching(parent -> parent.getName().equals("eventsourcing.projection"));
    }

    @Test
    @DisplayName("observes a projection whose handler throws with outcome error")
    void observesFailedProjection() {
        streams.stream(ACCOUNT).append(new Deposited(10), new Withdrawn(50));
        registry.clear();

        assertThatThrownBy(() -> projections.project(ACCOUNT, Balance.class)).hasMessage("overdrawn");

        assertThat(registry).hasObservationWithNameEqualTo("eventsourcing.projection").that()
                .hasLowCardinalityKeyValue("eventsourcing.outcome", "error")
                .hasError();
    }

    @Test
    @DisplayName("observes a classification with its name, scope and whether it included the instance")
    void observesClassification() {
        streams.stream(ACCOUNT).append(new Deposited(10));
        registry.clear();

        ClassificationResult<BelowThreshold> result =
                projections.classify(ACCOUNT, BelowThreshold.class, Map.of("threshold", 50));

        assertThat(result.included()).isTrue();
        assertThat(registry).hasObservationWithNameEqualTo("eventsourcing.classification").that()
                .hasContextualNameEqualTo("classify Balance Below Threshold")
                .hasLowCardinalityKeyValue("eventsourcing.classification", "Balance Below Threshold")
                .hasLowCardinalityKeyValue("eventsourcing.classification.scope", "instance")
                .hasLowCardinalityKeyValue("eventsourcing.backend", "in-memory")
                .hasLowCardinalityKeyValue("eventsourcing.outcome", "ok")
                .hasHighCardinalityKeyValue("eventsourcing.classification.included", "true")
                .hasHighCardinalityKeyValue("eventsourcing.as-of.sequence", "1");
    }

    @Test
    @DisplayName("observes a resumed classification under the classification's name")
    void observesResumedClassification() {
        streams.stream(ACCOUNT).append(new Deposited(10));
        ClassificationResult<BelowThreshold> first =
                projections.classify(ACCOUNT, BelowThreshold.class, Map.of("threshold", 50));
        streams.stream(ACCOUNT).append(new Deposited(100));
        registry.clear();

        assertThat(projections.classify(first, Map.of("threshold", 50)).included()).isFalse();

        assertThat(registry).hasObservationWithNameEqualTo("eventsourcing.classification").that()
                .hasLowCardinalityKeyValue("eventsourcing.classification", "Balance Below Threshold")
                .hasHighCardinalityKeyValue("eventsourcing.classification.included", "false")
                .hasHighCardinalityKeyValue("eventsourcing.as-of.sequence", "2");
    }

    @Test
    @DisplayName("observes classifying every instance once, with scope all-instances and no instance key")
    void observesScan() {
        streams.stream(ACCOUNT).append(new Deposited(10));
        streams.stream("Bank", "Account", "A-0002").append(new Deposited(90));
        registry.clear();

        List<String> included = projections.instanceKeysIncludedBy(ACCOUNT.type(), BelowThreshold.class,
                Map.of("threshold", 50));

        assertThat(included).containsExactly("A-0001");
        assertThat(registry).hasNumberOfObservationsWithNameEqualTo("eventsourcing.classification", 1)
                .hasObservationWithNameEqualTo("eventsourcing.classification").that()
                .hasLowCardinalityKeyValue("eventsourcing.classification.scope", "all-instances")
                .doesNotHaveHighCardinalityKeyValueWithKey("eventsourcing.instance.key");
    }
}
