package io.github.eventsourcing.azure.test;

import io.github.eventsourcing.azure.projection.ClassificationParameter;
import io.github.eventsourcing.azure.projection.Classified;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionName;
import io.github.eventsourcing.azure.projection.ProjectionOptions;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("ProjectionScenario")
class ProjectionScenarioTest {

    @EventName("Money Deposited")
    record Deposited(int amount) {
    }

    @EventName("Money Withdrawn")
    record Withdrawn(int amount) {
    }

    @EventName("Note Added")
    record NoteAdded(String text) {
    }

    /** An event whose field Jackson can write but not read back: the kind of bug a scenario must reveal. */
    @EventName("Shape Drawn")
    record ShapeDrawn(Shape shape) {
    }

    interface Shape {
    }

    record Circle(int radius) implements Shape {
    }

    @ProjectionName("Balance")
    static class Balance {
        int amount;
        final List<String> writers = new ArrayList<>();
        Instant lastChange;

        @EventHandler
        void on(Deposited event, RecordedEvent recorded) {
            amount += event.amount();
            writers.add(recorded.context().who());
            lastChange = recorded.writtenAt();
        }

        @EventHandler
        void on(Withdrawn event) {
            if (event.amount() > amount) {
                throw new IllegalStateException("withdrew " + event.amount() + " from a balance of " + amount);
            }
            amount -= event.amount();
        }
    }

    static class Drawing {
        int shapes;

        @EventHandler
        void on(ShapeDrawn event) {
            shapes++;
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

    @Nested
    @DisplayName("for a projection")
    class ForProjections {

        @Test
        @DisplayName("passes when the state after the given events meets the expectations")
        void passes() {
            ProjectionScenario.given(new Deposited(100), new Withdrawn(30))
                    .when(Balance.class)
                    .then(balance -> assertThat(balance.amount).isEqualTo(70));
        }

        @Test
        @DisplayName("fails with the given events, their JSON and the state listed when an expectation does not hold")
        void failsWithTranscript() {
            AssertionError failure = catchAssertion(() -> ProjectionScenario
                    .given(new Deposited(100), new NoteAdded("birthday"))
                    .registering(NoteAdded.class)
                    .when(Balance.class)
                    .then(balance -> assertThat(balance.amount).as("balance").isEqualTo(99)));

            assertThat(failure.getMessage())
                    .contains("Balance did not meet the expectations")
                    .contains("[balance]")
                    .contains("Given 2 events of Scenario/Entity/instance-1:")
                    .contains("#1 Money Deposited {\"amount\":100}")
                    .contains("#2 Note Added {\"text\":\"birthday\"}")
                    .contains("State after the fold: {\"amount\":100,");
            assertThat(failure.getCause()).isInstanceOf(AssertionError.class);
        }

        @Test
        @DisplayName("fails, listing the events, when a handler throws during the fold")
        void failsWhenFoldThrows() {
            AssertionError failure = catchAssertion(() -> ProjectionScenario
                    .given(new Deposited(10), new Withdrawn(50))
                    .when(Balance.class)
                    .then(balance -> assertThat(balance.amount).isEqualTo(-40)));

            assertThat(failure.getMessage())
                    .startsWith("Balance failed while folding the given events")
                    .contains("withdrew 50 from a balance of 10")
                    .contains("#2 Money Withdrawn {\"amount\":50}");
            assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class);
        }

        @Test
        @DisplayName("reads the events back from their stored JSON, so an event that does not survive it fails")
        void roundTripsEvents() {
            AssertionError failure = catchAssertion(() -> ProjectionScenario
                    .given(new ShapeDrawn(new Circle(3)))
                    .when(Drawing.class)
                    .then(drawing -> assertThat(drawing.shapes).isEqualTo(1)));

            assertThat(failure.getMessage()).startsWith("Drawing failed while folding the given events")
                    .contains("Shape Drawn");
        }

        @Test
        @DisplayName("stores each event with the write time and context it was given with")
        void writeTimeAndContext() {
            Instant monday = Instant.parse("2025-03-03T09:00:00Z");
            Instant tuesday = Instant.parse("2025-03-04T09:00:00Z");

            ProjectionScenario.given()
                    .at(monday).withContext(WriteContext.EMPTY.withWho("alice")).and(new Deposited(10))
                    .at(tuesday).withContext(WriteContext.EMPTY.withWho("bob")).and(new Deposited(20))
                    .when(Balance.class)
                    .then(balance -> {
                        assertThat(balance.writers).containsExactly("alice", "bob");
                        assertThat(balance.lastChange).isEqualTo(tuesday);
                    });
        }

        @Test
        @DisplayName("folds only as far as the options say")
        void asOf() {
            Instant monday = Instant.parse("2025-03-03T09:00:00Z");

            ProjectionScenario.given().at(monday).and(new Deposited(10))
                    .at(monday.plusSeconds(86_400)).and(new Deposited(20), new Deposited(40))
                    .when(Balance.class, ProjectionOptions.asOf(monday.plusSeconds(60)))
                    .thenResult(result -> {
                        assertThat(result.state().amount).isEqualTo(10);
                        assertThat(result.asOfSequence()).isEqualTo(1);
                    })
                    .then(balance -> assertThat(balance.lastChange).isEqualTo(monday));
        }

        @Test
        @DisplayName("projects a stream that does not exist as the class's initial state")
        void noEvents() {
            ProjectionScenario.givenNoEvents()
                    .when(Balance.class)
                    .thenResult(result -> {
                        assertThat(result.exists()).isFalse();
                        assertThat(result.state().amount).isZero();
                    });
        }

        @Test
        @DisplayName("writes to the stream it is told to, for handlers that look at the stream id")
        void inStream() {
            StreamId account = StreamId.of("Bank", "Account", "A-0001");

            assertThat(ProjectionScenario.given(new Deposited(1)).inStream(account).when(Balance.class).result()
                    .streamId()).isEqualTo(account);
        }
    }

    @Nested
    @DisplayName("for a classification")
    class ForClassifications {

        @Test
        @DisplayName("passes when the instance is included or excluded as expected")
        void passes() {
            ProjectionScenario.given(new Deposited(10))
                    .whenClassifiedBy(BelowThreshold.class).with("threshold", 50)
                    .thenIncluded();
            ProjectionScenario.given(new Deposited(10), new Deposited(60))
                    .whenClassifiedBy(BelowThreshold.class).with("threshold", 50)
                    .thenExcluded()
                    .then(result -> {
                        assertThat(result.wasEverIncluded()).isTrue();
                        assertThat(result.state().balance).isEqualTo(70);
                    });
        }

        @Test
        @DisplayName("fails with the parameters, the events and the state when the verdict is not the expected one")
        void failsWithTranscript() {
            AssertionError failure = catchAssertion(() -> ProjectionScenario.given(new Deposited(80))
                    .whenClassifiedBy(BelowThreshold.class).with("threshold", 50)
                    .thenIncluded());

            assertThat(failure.getMessage())
                    .startsWith("Balance Below Threshold was expected to include the instance with {threshold=50}, "
                            + "but excluded it")
                    .contains("#1 Money Deposited {\"amount\":80}")
                    .contains("State after the fold: {\"balance\":80,\"threshold\":50}");
        }

        @Test
        @DisplayName("fails, listing the events, when a required parameter is missing")
        void missingParameter() {
            AssertionError failure = catchAssertion(() -> ProjectionScenario.given(new Deposited(80))
                    .whenClassifiedBy(BelowThreshold.class)
                    .thenExcluded());

            assertThat(failure.getMessage()).contains("needs the parameter 'threshold'")
                    .contains("#1 Money Deposited");
        }
    }

    private static AssertionError catchAssertion(Runnable scenario) {
        try {
            scenario.run();
        } catch (AssertionError expected) {
            return expected;
        }
        throw new AssertionError("The scenario was expected to fail, but passed");
    }

    @Test
    @DisplayName("refuses a null event at once")
    void nullEvent() {
        assertThatThrownBy(() -> ProjectionScenario.given(new Deposited(1), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
