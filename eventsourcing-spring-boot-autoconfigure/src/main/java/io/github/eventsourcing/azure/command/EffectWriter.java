package io.github.eventsourcing.azure.command;

import io.github.eventsourcing.azure.stream.AppendResult;

/** Decides and appends one effect; see {@link StepContext#effectOn}. */
@FunctionalInterface
public interface EffectWriter {

    AppendResult write(EffectTarget target);
}
