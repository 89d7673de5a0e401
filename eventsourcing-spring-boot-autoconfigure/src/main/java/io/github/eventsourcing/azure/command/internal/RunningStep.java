package io.github.eventsourcing.azure.command.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.command.Effect;
import io.github.eventsourcing.azure.command.EffectTarget;
import io.github.eventsourcing.azure.command.EffectWriter;
import io.github.eventsourcing.azure.command.StepContext;
import io.github.eventsourcing.azure.command.event.ProjectionRequested;
import io.github.eventsourcing.azure.command.event.ProjectionValueReturned;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.NewEvent;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The context of one run of one step. */
final class RunningStep<P> implements StepContext<P> {

    private final CommandType type;
    private final String commandId;
    private final String step;
    private final int attempt;
    private final P parameters;
    private final Map<String, Map<String, String>> earlierOutputs;
    private final Map<String, String> outputs = new LinkedHashMap<>();
    private final Claim claim;
    private final EventStreams streams;
    private final Projections projections;
    private final ObjectMapper mapper;
    private final FanOuts fanOuts;
    private int requests;

    RunningStep(CommandType type, String commandId, String step, int attempt, P parameters,
                Map<String, Map<String, String>> earlierOutputs, Claim claim, EventStreams streams,
                Projections projections, ObjectMapper mapper, FanOuts fanOuts) {
        this.type = type;
        this.commandId = commandId;
        this.step = step;
        this.attempt = attempt;
        this.parameters = parameters;
        this.earlierOutputs = earlierOutputs;
        this.claim = claim;
        this.streams = streams;
        this.projections = projections;
        this.mapper = mapper;
        this.fanOuts = fanOuts;
    }

    /** A context of its own for one instance of a fan-out step (this one is not thread-safe). */
    RunningStep<P> forInstance() {
        return new RunningStep<>(type, commandId, step, attempt, parameters, earlierOutputs, claim, streams,
                projections, mapper, fanOuts);
    }

    @Override
    public String commandId() {
        return commandId;
    }

    @Override
    public CommandType commandType() {
        return type;
    }

    @Override
    public String step() {
        return step;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public P parameters() {
        return parameters;
    }

    @Override
    public WriteContext writeContext() {
        return WriteContext.EMPTY.withCorrelationId(commandId).withCausationId(type.instance(commandId) + "#" + step)
                .withSource("command " + type);
    }

    @Override
    public Effect effectOn(StreamId target, EffectWriter writer) {
        String eventId = EffectIds.of(commandId, step, target);
        EventStream stream = streams.stream(target);
        Optional<RecordedEvent> stored = stream.findEvent(eventId);
        if (stored.isPresent()) {
            return new Effect(target, eventId, stored.get().sequence(), true);
        }
        AppendResult written = writer.write(new Target(stream, eventId, writeContext()));
        return new Effect(target, eventId, written.lastSequence(), written.alreadyApplied());
    }

    @Override
    public <S> ProjectionResult<S> project(StreamId target, Class<S> projection) {
        String requestId = step + "-" + attempt + "-" + (++requests);
        claim.record(new ProjectionRequested(requestId, target.domain(), target.entityType(), target.instanceKey(),
                Projections.nameOf(projection), null));
        ProjectionResult<S> result = projections.project(target, projection);
        claim.record(new ProjectionValueReturned(requestId, result.asOfSequence(), mapper.valueToTree(result.state())));
        return result;
    }

    @Override
    public void output(String name, String value) {
        outputs.put(name, value);
    }

    @Override
    public Optional<String> outputOf(String step, String name) {
        return Optional.ofNullable(earlierOutputs.getOrDefault(step, Map.of()).get(name));
    }

    @Override
    public Map<String, Map<String, String>> outputs() {
        return Map.copyOf(earlierOutputs);
    }

    StreamId commandStream() {
        return type.instance(commandId);
    }

    Claim claim() {
        return claim;
    }

    EventStreams streams() {
        return streams;
    }

    Projections projections() {
        return projections;
    }

    FanOuts fanOuts() {
        return fanOuts;
    }

    Map<String, String> recordedOutputs() {
        return outputs;
    }

    private record Target(EventStream stream, String eventId, WriteContext context) implements EffectTarget {

        @Override
        public AppendResult append(Object event, AppendOptions options) {
            WriteContext given = options.context();
            WriteContext merged = context.withWho(given.who()).withCommentary(given.commentary())
                    .withTraceParent(given.traceParent());
            return stream.append(NewEvent.of(event, eventId), options.withContext(
                    given.source() == null ? merged : merged.withSource(given.source())));
        }
    }
}
