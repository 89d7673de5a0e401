package io.github.eventsourcing.azure.query.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import io.github.eventsourcing.azure.command.CommandFailure;
import io.github.eventsourcing.azure.command.CommandHandler;
import io.github.eventsourcing.azure.command.CommandSteps;
import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.command.FanOutResults;
import io.github.eventsourcing.azure.command.StepContext;
import io.github.eventsourcing.azure.command.internal.FanOutStep;
import io.github.eventsourcing.azure.command.internal.FanOutStep.InstanceValue;
import io.github.eventsourcing.azure.projection.ClassificationResult;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.query.QueryCollation;
import io.github.eventsourcing.azure.query.QueryHandler;
import io.github.eventsourcing.azure.query.QueryRequest;
import io.github.eventsourcing.azure.stream.StreamId;

import java.util.Map;

/**
 * A query handler as the command it runs as: request (recorded as the step's outputs), values (a fan-out whose
 * instances each return their value), collate (the collation's result, recorded as the step's output
 * {@value #RESULT_OUTPUT}) and one deliver step per output.
 */
final class QueryCommandHandler<P, R> implements CommandHandler<P> {

    static final String REQUEST_STEP = "request";
    static final String COLLATE_STEP = "collate";
    static final String DELIVER_STEP_PREFIX = "deliver-";
    static final String RESULT_OUTPUT = "result";

    /** A target's outcome when it returned its value, and when it did not exist when it was asked. */
    static final String RETURNED = "returned";
    static final String MISSING = "missing";

    private final QueryHandler<P, R> handler;
    private final Map<String, QueryOutput> outputs;
    private final Projections projections;
    private final ObjectMapper mapper;

    QueryCommandHandler(QueryHandler<P, R> handler, Map<String, QueryOutput> outputs, Projections projections,
                        ObjectMapper mapper) {
        this.handler = handler;
        this.outputs = Map.copyOf(outputs);
        this.projections = projections;
        this.mapper = mapper;
    }

    QueryHandler<P, R> handler() {
        return handler;
    }

    @Override
    public CommandType type() {
        return handler.type().commandType();
    }

    @Override
    public Class<P> parametersType() {
        return handler.parametersType();
    }

    @Override
    public void declareSteps(CommandSteps<P> steps) {
        steps.step(REQUEST_STEP, step -> {
            step.output("request", handler.request(step.parameters()).toString());
            step.output("targets", handler.targets(step.parameters()).toString());
        });
        steps.step(QueryCollation.VALUES_STEP, FanOutStep.returningValues(QueryCollation.VALUES_STEP,
                handler::targets, (step, target) -> valueOf(target, handler.request(step.parameters()))));
        steps.step(COLLATE_STEP, this::collate);
        outputs.keySet().stream().sorted().forEach(name -> steps.step(DELIVER_STEP_PREFIX + name,
                step -> deliver(step, name, outputs.get(name))));
    }

    private InstanceValue valueOf(StreamId target, QueryRequest request) {
        if (request.isClassification()) {
            ClassificationResult<?> classified = projections.classify(target, request.type(), request.parameters());
            return classified.exists() ? new InstanceValue(RETURNED, BooleanNode.valueOf(classified.included()),
                    classified.asOfSequence()) : new InstanceValue(MISSING, null, null);
        }
        ProjectionResult<?> projected = projections.project(target, request.type());
        return projected.exists() ? new InstanceValue(RETURNED, mapper.valueToTree(projected.state()),
                projected.asOfSequence()) : new InstanceValue(MISSING, null, null);
    }

    /** A target that kept failing leaves the result unknown: the query fails rather than answer without it. */
    private void collate(StepContext<P> step) throws Exception {
        StreamId query = step.commandType().instance(step.commandId());
        int failed = projections.project(query, FanOutResults.class).state().countsOf(QueryCollation.VALUES_STEP)
                .getOrDefault(FanOutResults.FAILED, 0);
        if (failed > 0) {
            throw new CommandFailure("targets-failed", failed + " of the targets of query " + handler.type() + " "
                    + step.commandId() + " kept failing; its result would leave them out");
        }
        R result = handler.resultType().cast(projections.project(query, handler.collation()).state().result());
        step.output(RESULT_OUTPUT, mapper.writeValueAsString(result));
    }

    private void deliver(StepContext<P> step, String name, QueryOutput output) throws Exception {
        String result = step.outputOf(COLLATE_STEP, RESULT_OUTPUT).orElseThrow(() -> new IllegalStateException(
                "Query " + step.commandId() + " has no recorded result to deliver"));
        output.deliver(handler.type(), step.commandId(), result);
        step.output("output", name);
        step.output("to", output.describe());
    }
}
