package io.github.eventsourcing.azure.command;

import io.github.eventsourcing.azure.stream.StreamId;

/**
 * The code a fan-out step runs for one instance (see {@link CommandSteps#forEachInstance}). Its effect on the instance
 * goes through {@link StepContext#effectOn}, so that an instance run again (after a crash between its effect and the
 * record of its outcome) finds its effect written and is not changed twice.
 *
 * @param <P> the command's parameters
 */
@FunctionalInterface
public interface InstanceStep<P> {

    /**
     * Works on one instance.
     *
     * @param step     the step's context (a context of its own per instance, so outputs and requests do not mix)
     * @param instance the instance's stream
     * @return the instance's outcome: 1 to 32 letters, digits, {@code -} and {@code _}, e.g. {@code accrued} or
     * {@code skipped}; not {@value FanOutResults#FAILED}, which the library records for instances whose errors
     * outlasted the retry passes
     * @throws Exception an error: the instance is tried again in the retry pass
     */
    String run(StepContext<P> step, StreamId instance) throws Exception;
}
