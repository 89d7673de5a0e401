package io.github.eventsourcing.azure.projection.internal;

import io.github.eventsourcing.azure.memory.internal.InMemoryEventStore;
import io.github.eventsourcing.azure.projection.ClassificationParameter;
import io.github.eventsourcing.azure.projection.ClassificationResult;
import io.github.eventsourcing.azure.projection.Classified;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionListener;
import io.github.eventsourcing.azure.projection.ProjectionName;
import io.github.eventsourcing.azure.projection.ProjectionOptions;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.internal.DefaultEventStreams;
import io.github.eventsourcing.azure.stream.internal.EventSerializer;
import io.github.eventsourcing.azure.stream.internal.EventTypeRegistry;
import io.github.eventsourcing.azure.stream.internal.StorageObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefaultProjectionsTest {

    @EventName("Money Deposited")
    record Deposited(BigDecimal amount) {
    }

    @EventName("Money Withdrawn")
    record Withdrawn(BigDecimal amount) {
    }

    @EventName("Note Added")
    record NoteAdded(String text) {
    }

    @ProjectionName("Balance")
    static class Balance {
        BigDecimal amount = BigDecimal.ZERO;
        final List<Long> applied = new ArrayList<>();

        @EventHandler
        void on(Deposited event, RecordedEvent recorded) {
            amount = amount.add(event.amount());
            applied.add(recorded.sequence());
        }

        @EventHandler
        void on(Withdrawn event, RecordedEvent recorded) {
            amount = amount.subtract(event.amount());
            applied.add(recorded.sequence());
        }
    }

    @ProjectionName("Balance Below Threshold")
    static class BelowThreshold {
        @ClassificationParameter("threshold")
        BigDecimal threshold;
        BigDecimal balance = BigDecimal.ZERO;

        @EventHandler
        Classified on(Deposited event) {
            balance = balance.add(event.amount());
            return decide();
        }

        @EventHandler
        Classified on(Withdrawn event) {
            balance = balance.subtract(event.amount());
            return decide();
        }

        @EventHandler
        void on(NoteAdded note) {
            // notes never change the classification
        }

        private Classified decide() {
            return balance.compareTo(threshold) < 0 ? Classified.INCLUDE : Classified.EXCLUDE;
        }
    }

    private final DefaultEventStreams streams = new DefaultEventStreams(EventStoreRouter.single(new InMemoryEventStore()),
            new EventSerializer(StorageObjectMapper.create(), new EventTypeRegistry()));
    private final List<String> completed = new ArrayList<>();
    private final DefaultProjections projections = new DefaultProjections(streams,
            List.of(new ProjectionListener() {
                @Override
                public void projectionCompleted(String name, ProjectionResult<?> result) {
                    completed.add(name + "@" + result.asOfSequence());
                }

                @Override
                public void classificationCompleted(String name, ClassificationResult<?> result, Map<String, ?> p) {
                    completed.add(name + "@" + result.asOfSequence() + "=" + result.included());
                }
            }), Runnable::run);

    private EventStream account(String key) {
        return streams.stream("Bank", "Account", key);
    }

    private static BigDecimal amount(String value) {
        return new BigDecimal(value);
    }

    @Test
    @DisplayName("a projection folds the events it handles and skips the others, and says what it is current as of")
    void folds() {
        EventStream account = account("A-1");
        account.append(new Deposited(amount("100")), new NoteAdded("hello"), new Withdrawn(amount("30.5")));

        ProjectionResult<Balance> result = projections.project(account.id(), Balance.class);

        assertThat(result.exists()).isTrue();
        assertThat(result.state().amount).isEqualByComparingTo("69.5");
        assertThat(result.asOfSequence()).isEqualTo(3);
        assertThat(result.asOfTime()).isEqualTo(account.read().get(2).writtenAt());
        assertThat(completed).containsExactly("Balance@3");
    }

    @Test
    @DisplayName("a projection of a stream that does not exist says so and holds the initial state")
    void missingStream() {
        ProjectionResult<Balance> result = projections.project(StreamId.of("Bank", "Account", "nobody"), Balance.class);
        assertThat(result.exists()).isFalse();
        assertThat(result.state().amount).isEqualByComparingTo("0");
        assertThat(result.asOfSequence()).isZero();
        assertThat(result.asOfTime()).isNull();
    }

    @Test
    @DisplayName("a projection as of a sequence or a time folds only that prefix")
    void asOf() throws InterruptedException {
        EventStream account = account("A-2");
        account.append(new Deposited(amount("10")));
        account.append(new Deposited(amount("20")));
        Thread.sleep(5);
        account.append(new Deposited(amount("40")));
        assertThat(projections.project(account.id(), Balance.class, ProjectionOptions.asOf(2)).state().amount)
                .isEqualByComparingTo("30");
        var secondWrite = account.read().get(1).writtenAt();
        ProjectionResult<Balance> asOfTime = projections.project(account.id(), Balance.class,
                ProjectionOptions.asOf(secondWrite));
        assertThat(asOfTime.state().amount).isEqualByComparingTo("30");
        assertThat(asOfTime.asOfSequence()).isEqualTo(2);
        assertThat(projections.project(account.id(), Balance.class, ProjectionOptions.asOf(secondWrite.minusSeconds(60))).exists())
                .isFalse();
    }

    @Test
    @DisplayName("resuming from an earlier result applies each later event exactly once")
    void resume() {
        EventStream account = account("A-3");
        account.append(new Deposited(amount("10")), new Deposited(amount("20")));
        ProjectionResult<Balance> first = projections.project(account.id(), Balance.class);
        account.append(new Withdrawn(amount("5")));

        ProjectionResult<Balance> resumed = projections.project(account.id(), Balance.class,
                ProjectionOptions.resumingFrom(first));

        assertThat(resumed.state().applied).containsExactly(1L, 2L, 3L);
        assertThat(resumed.state().amount).isEqualByComparingTo("25");
        assertThat(resumed.asOfSequence()).isEqualTo(3);
        ProjectionResult<Balance> again = projections.project(account.id(), Balance.class,
                ProjectionOptions.resumingFrom(resumed));
        assertThat(again.state().applied).containsExactly(1L, 2L, 3L);
    }

    @Test
    @DisplayName("resuming on another stream is refused")
    void resumeOtherStream() {
        account("A-4").append(new Deposited(amount("1")));
        ProjectionResult<Balance> first = projections.project(account("A-4").id(), Balance.class);
        assertThatThrownBy(() -> projections.project(account("A-5").id(), Balance.class,
                ProjectionOptions.resumingFrom(first))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a classification answers included, as-of, ever included and ever excluded, with its parameters")
    void classification() {
        EventStream account = account("C-1");
        account.append(new Deposited(amount("500")), new Withdrawn(amount("450")), new NoteAdded("x"));

        ClassificationResult<BelowThreshold> below = projections.classify(account.id(), BelowThreshold.class,
                Map.of("threshold", "100.00"));
        assertThat(below.included()).isTrue();
        assertThat(below.wasEverIncluded()).isTrue();
        assertThat(below.wasEverExcluded()).isTrue();
        assertThat(below.asOfSequence()).isEqualTo(3);
        assertThat(completed).containsExactly("Balance Below Threshold@3=true");

        ClassificationResult<BelowThreshold> asOfFirst = projections.classify(account.id(), BelowThreshold.class,
                Map.of("threshold", new BigDecimal("100")), ProjectionOptions.asOf(1));
        assertThat(asOfFirst.included()).isFalse();
        assertThat(asOfFirst.wasEverIncluded()).isFalse();
        assertThat(asOfFirst.wasEverExcluded()).isTrue();
    }

    @Test
    @DisplayName("a classification resumes from its previous result")
    void classificationResume() {
        EventStream account = account("C-2");
        account.append(new Deposited(amount("50")));
        ClassificationResult<BelowThreshold> first = projections.classify(account.id(), BelowThreshold.class,
                Map.of("threshold", "100"));
        assertThat(first.included()).isTrue();
        account.append(new Deposited(amount("80")));
        ClassificationResult<BelowThreshold> resumed = projections.classify(first, Map.of("threshold", "100"));
        assertThat(resumed.included()).isFalse();
        assertThat(resumed.wasEverIncluded()).isTrue();
        assertThat(resumed.state().balance).isEqualByComparingTo("130");
    }

    @Test
    @DisplayName("a missing or unreadable parameter is a clear error")
    void badParameters() {
        StreamId id = account("C-3").id();
        assertThatThrownBy(() -> projections.classify(id, BelowThreshold.class, Map.of()))
                .hasMessageContaining("needs the parameter 'threshold'");
        assertThatThrownBy(() -> projections.classify(id, BelowThreshold.class, Map.of("threshold", "lots")))
                .hasMessageContaining("cannot be read as BigDecimal");
    }

    @Test
    @DisplayName("listing the instances a classification includes")
    void includedKeys() {
        account("L-1").append(new Deposited(amount("10")));
        account("L-2").append(new Deposited(amount("1000")));
        account("L-3").append(new Deposited(amount("99.99")));
        assertThat(projections.instanceKeysIncludedBy(new StreamId.StreamType("Bank", "Account"), BelowThreshold.class,
                Map.of("threshold", "100"))).containsExactly("L-1", "L-3");
    }

    static class NoHandlers {
    }

    static class WrongHandler {
        @EventHandler
        void on(String notAnEvent) {
        }
    }

    static class WrongClassifier {
        @EventHandler
        String on(Deposited event) {
            return "yes";
        }
    }

    @Test
    @DisplayName("malformed projection classes are refused with a message that says what to fix")
    void malformedClasses() {
        StreamId id = account("M-1").id();
        assertThatThrownBy(() -> projections.project(id, NoHandlers.class)).hasMessageContaining("no @EventHandler");
        assertThatThrownBy(() -> projections.project(id, WrongHandler.class)).hasMessageContaining("annotate it with @EventName");
        assertThatThrownBy(() -> projections.classify(id, WrongClassifier.class, Map.of()))
                .hasMessageContaining("must return Classified");
    }

    @Test
    @DisplayName("a stream read before any write still maps events to the projection's handler types")
    void handlerTypesAreRegistered() {
        DefaultEventStreams writer = new DefaultEventStreams(streams.router(),
                new EventSerializer(StorageObjectMapper.create(), new EventTypeRegistry()));
        writer.stream("Bank", "Account", "R-1").append(new Deposited(amount("7")));
        DefaultEventStreams freshReader = new DefaultEventStreams(streams.router(),
                new EventSerializer(StorageObjectMapper.create(), new EventTypeRegistry()));
        assertThat(new DefaultProjections(freshReader).project(StreamId.of("Bank", "Account", "R-1"), Balance.class)
                .state().amount).isEqualByComparingTo("7");
    }
}
