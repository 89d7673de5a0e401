package io.github.eventsourcing.azure.command;

import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;

import java.util.Map;
import java.util.Optional;

/** What a running step knows and may do. */
public interface StepContext<P> {

    String commandId();

    CommandType commandType();

    /** The step's (or compensation's) name. */
    String step();

    /** 1 on the step's first run, higher when it runs again (after an error, or on another instance after a crash). */
    int attempt();

    P parameters();

    /** The write context of the command's effects: correlation id = command id, causation id = the step, source. */
    WriteContext writeContext();

    /**
     * Writes the step's effect on another stream once. The effect's event id is derived from the command id, the
     * step and the target; when the target already holds it (an earlier run of this step wrote it), the writer is not
     * called at all, so a re-run never repeats the checks of a write that already happened (a debit does not re-check
     * funds that already include its own debit).
     *
     * @param target the stream the effect is written to
     * @param writer makes the decision and appends through the given {@link EffectTarget}
     */
    Effect effectOn(StreamId target, EffectWriter writer);

    /**
     * Projects another stream and records the request and the value returned in the command's stream (see
     * {@link OutstandingRequests}).
     */
    <S> ProjectionResult<S> project(StreamId target, Class<S> projection);

    /** Records an output of this step, stored with its completion. */
    void output(String name, String value);

    /** An output an earlier step recorded. */
    Optional<String> outputOf(String step, String name);

    /** The outputs of every completed step, by step. */
    Map<String, Map<String, String>> outputs();
}
