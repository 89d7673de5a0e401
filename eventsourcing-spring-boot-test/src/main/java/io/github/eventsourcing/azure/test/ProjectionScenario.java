package io.github.eventsourcing.azure.test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventsourcing.azure.memory.internal.InMemoryEventStore;
import io.github.eventsourcing.azure.projection.ClassificationResult;
import io.github.eventsourcing.azure.projection.ProjectionOptions;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.projection.internal.DefaultProjections;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.EventStoreLimits;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.NewEvent;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.stream.internal.DefaultEventStreams;
import io.github.eventsourcing.azure.stream.internal.EventSerializer;
import io.github.eventsourcing.azure.stream.internal.EventTypeRegistry;
import io.github.eventsourcing.azure.stream.internal.StorageObjectMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Given / when / then tests of projections and classifications, without Spring and without storage:
 * <pre>{@code
 * ProjectionScenario.given(new AccountOpened("A-1"), new MoneyDeposited(new BigDecimal("100")))
 *         .when(Balance.class)
 *         .then(balance -> assertThat(balance.getAmount()).isEqualByComparingTo("100"));
 *
 * ProjectionScenario.given(new MoneyDeposited(new BigDecimal("10")))
 *         .whenClassifiedBy(BalanceBelowThreshold.class)
 *         .with("threshold", 50)
 *         .thenIncluded();
 * }</pre>
 * Each scenario appends its events, one append per event and in order, to a fresh in-memory stream through the real
 * serializer, and folds them with the library's own projection engine: what passes here is what the application
 * computes from stored events (including JSON round trips of the events). When an expectation fails, the
 * {@link AssertionError} lists the given events and the state the fold produced.
 */
public final class ProjectionScenario {

    /** The stream scenarios write to, unless {@link Given#inStream} names another. */
    public static final StreamId DEFAULT_STREAM = StreamId.of("Scenario", "Entity", "instance-1");

    private ProjectionScenario() {
    }

    /** A stream holding these events (plain event objects or {@code NewEvent}s), in this order. */
    public static Given given(Object... events) {
        return new Given().and(events);
    }

    /** A stream that does not exist (no event was ever written). */
    public static Given givenNoEvents() {
        return new Given();
    }

    /** The events of a scenario, with the write time and context each is stored with. */
    public static final class Given {

        private final List<GivenEvent> events = new ArrayList<>();
        private final List<Class<?>> eventTypes = new ArrayList<>();
        private StreamId streamId = DEFAULT_STREAM;
        private Instant writtenAt;
        private WriteContext context = WriteContext.EMPTY;

        private Given() {
        }

        /** More events, after those given so far. */
        public Given and(Object... more) {
            for (Object event : more) {
                if (event == null) {
                    throw new IllegalArgumentException("A given event must not be null");
                }
                events.add(new GivenEvent(event, writtenAt, context));
            }
            return this;
        }

        /**
         * The write time of the events given after this call (by default each event is written at the real current
         * time). Use it for projections that look at {@link RecordedEvent#writtenAt()} or for {@code asOf} folds.
         */
        public Given at(Instant time) {
            this.writtenAt = time;
            return this;
        }

        /** The write context stored with the events given after this call. */
        public Given withContext(WriteContext writeContext) {
            this.context = writeContext;
            return this;
        }

        /** The stream the events are written to (for handlers that look at {@link RecordedEvent#streamId()}). */
        public Given inStream(StreamId id) {
            this.streamId = id;
            return this;
        }

        /**
         * Event classes to register before reading, for events that no handler of the folded class names (their
         * events would otherwise be read back as unknown events).
         */
        public Given registering(Class<?>... types) {
            eventTypes.addAll(List.of(types));
            return this;
        }

        /** Folds the events into the projection, up to the latest event. */
        public <S> WhenProjected<S> when(Class<S> projection) {
            return new WhenProjected<>(this, projection, ProjectionOptions.LATEST);
        }

        /** Folds the events into the projection as far as the options say (e.g. {@code ProjectionOptions.asOf(2)}). */
        public <S> WhenProjected<S> when(Class<S> projection, ProjectionOptions options) {
            return new WhenProjected<>(this, projection, options);
        }

        /** Classifies the stream by the classification; give its parameters with {@link WhenClassified#with}. */
        public <C> WhenClassified<C> whenClassifiedBy(Class<C> classification) {
            return new WhenClassified<>(this, classification);
        }

        /** Writes the events into a fresh in-memory store and runs the fold (of the class named so) there. */
        private <R> Run<R> run(String name, Function<Projections, R> fold) {
            ScenarioClock clock = new ScenarioClock();
            EventTypeRegistry types = new EventTypeRegistry();
            eventTypes.forEach(types::register);
            EventSerializer serializer = new EventSerializer(StorageObjectMapper.create(), types);
            DefaultEventStreams streams = new DefaultEventStreams(EventStoreRouter.single(new InMemoryEventStore()),
                    serializer, EventStoreLimits.DEFAULT, clock, List.of());
            EventStream stream = streams.stream(streamId);
            List<Transcript.Line> lines = new ArrayList<>();
            for (GivenEvent event : events) {
                clock.now = (event.writtenAt() != null ? event.writtenAt() : Instant.now()).truncatedTo(ChronoUnit.MILLIS);
                stream.append(List.of(event.event()), AppendOptions.DEFAULT.withContext(event.context()));
                lines.add(new Transcript.Line(event.event(), clock.now));
            }
            Projections projections = new DefaultProjections(streams, List.of(), Runnable::run);
            Transcript transcript = new Transcript(serializer, streamId, lines);
            try {
                return new Run<>(fold.apply(projections), transcript);
            } catch (RuntimeException | Error failure) {
                throw transcript.failure(name + " failed while folding the given events: " + failure, null, failure);
            }
        }
    }

    /** The "then" of a projection scenario. */
    public static final class WhenProjected<S> {

        private final Given given;
        private final Class<S> projection;
        private final ProjectionOptions options;

        private WhenProjected(Given given, Class<S> projection, ProjectionOptions options) {
            this.given = given;
            this.projection = projection;
            this.options = options;
        }

        /** Checks the projection's state with the given assertions (AssertJ, JUnit, or plain code that throws). */
        public WhenProjected<S> then(Consumer<? super S> expectations) {
            return thenResult(result -> expectations.accept(result.state()));
        }

        /** Checks the whole result: the state, whether the stream exists, and the sequence and time it is as of. */
        public WhenProjected<S> thenResult(Consumer<? super ProjectionResult<S>> expectations) {
            Run<ProjectionResult<S>> run = project();
            run.check(Projections.nameOf(projection), run.result().state(), () -> expectations.accept(run.result()));
            return this;
        }

        /** The projection's state, for checks of your own (failures then do not list the events). */
        public S state() {
            return result().state();
        }

        /** The projection's result, for checks of your own (failures then do not list the events). */
        public ProjectionResult<S> result() {
            return project().result();
        }

        private Run<ProjectionResult<S>> project() {
            return given.run(Projections.nameOf(projection),
                    projections -> projections.project(given.streamId, projection, options));
        }
    }

    /** The "then" of a classification scenario. */
    public static final class WhenClassified<C> {

        private final Given given;
        private final Class<C> classification;
        private final Map<String, Object> parameters = new LinkedHashMap<>();
        private ProjectionOptions options = ProjectionOptions.LATEST;

        private WhenClassified(Given given, Class<C> classification) {
            this.given = given;
            this.classification = classification;
        }

        /** A parameter of the classification (a field annotated {@code @ClassificationParameter(name)}). */
        public WhenClassified<C> with(String name, Object value) {
            parameters.put(name, value);
            return this;
        }

        /** Classifies only as far as the options say (e.g. {@code ProjectionOptions.asOf(time)}). */
        public WhenClassified<C> asOf(ProjectionOptions foldOptions) {
            this.options = foldOptions;
            return this;
        }

        /** Expects the classification to include the instance after the events. */
        public WhenClassified<C> thenIncluded() {
            return expectIncluded(true);
        }

        /** Expects the classification not to include the instance after the events. */
        public WhenClassified<C> thenExcluded() {
            return expectIncluded(false);
        }

        /**
         * Checks the whole result: whether the instance is included, was ever included or excluded, and the
         * classification's state.
         */
        public WhenClassified<C> then(Consumer<? super ClassificationResult<C>> expectations) {
            Run<ClassificationResult<C>> run = classify();
            run.check(Projections.nameOf(classification), run.result().state(), () -> expectations.accept(run.result()));
            return this;
        }

        /** The classification's result, for checks of your own (failures then do not list the events). */
        public ClassificationResult<C> result() {
            return classify().result();
        }

        private WhenClassified<C> expectIncluded(boolean expected) {
            Run<ClassificationResult<C>> run = classify();
            ClassificationResult<C> result = run.result();
            if (result.included() != expected) {
                throw run.transcript().failure(Projections.nameOf(classification) + " was expected to "
                        + (expected ? "include" : "exclude") + " the instance" + describe(parameters) + ", but "
                        + (result.included() ? "included" : "excluded") + " it", result.state(), null);
            }
            return this;
        }

        private Run<ClassificationResult<C>> classify() {
            Map<String, Object> copy = Map.copyOf(parameters);
            return given.run(Projections.nameOf(classification),
                    projections -> projections.classify(given.streamId, classification, copy, options));
        }

        private static String describe(Map<String, Object> parameters) {
            return parameters.isEmpty() ? "" : " with " + parameters;
        }
    }

    private record GivenEvent(Object event, Instant writtenAt, WriteContext context) {
    }

    /** The outcome of one fold, with the transcript of the events it folded. */
    private record Run<R>(R result, Transcript transcript) {

        void check(String name, Object state, Runnable expectations) {
            try {
                expectations.run();
            } catch (AssertionError | RuntimeException failure) {
                throw transcript.failure(name + " did not meet the expectations: " + failure.getMessage(), state,
                        failure);
            }
        }
    }

    /**
     * The given events as they were written, to explain a failure. Built from what was written rather than read back,
     * so that it can also explain a failure to read an event back.
     */
    private static final class Transcript {

        private final EventSerializer serializer;
        private final StreamId streamId;
        private final List<Line> lines;
        private final ObjectMapper stateMapper;

        Transcript(EventSerializer serializer, StreamId streamId, List<Line> lines) {
            this.serializer = serializer;
            this.streamId = streamId;
            this.lines = lines;
            // A projection's state is its fields, as in its snapshots.
            this.stateMapper = StorageObjectMapper.forProjectionStates(serializer.mapper());
        }

        AssertionError failure(String what, Object state, Throwable cause) {
            StringBuilder message = new StringBuilder(what);
            message.append(System.lineSeparator()).append("Given ");
            if (lines.isEmpty()) {
                message.append("no events");
            } else {
                message.append(lines.size()).append(lines.size() == 1 ? " event" : " events").append(" of ")
                        .append(streamId).append(':');
                for (int i = 0; i < lines.size(); i++) {
                    Object payload = lines.get(i).payload();
                    message.append(System.lineSeparator()).append("  #").append(i + 1).append(' ')
                            .append(serializer.types().register(payload.getClass()).value()).append(' ')
                            .append(json(serializer.mapper(), payload)).append(" at ").append(lines.get(i).writtenAt());
                }
            }
            if (state != null) {
                message.append(System.lineSeparator()).append("State after the fold: ").append(json(stateMapper, state));
            }
            return new AssertionError(message.toString(), cause);
        }

        private static String json(ObjectMapper mapper, Object value) {
            try {
                return mapper.writeValueAsString(value);
            } catch (JsonProcessingException | RuntimeException e) {
                return String.valueOf(value);
            }
        }

        /** One given event and the time it was written at. */
        record Line(Object event, Instant writtenAt) {
            Object payload() {
                return event instanceof NewEvent newEvent ? newEvent.payload() : event;
            }
        }
    }

    /** Stands still at the write time of the event being appended. */
    private static final class ScenarioClock extends Clock {

        private Instant now = Instant.now();

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("A scenario's clock is always UTC");
        }
    }
}
