package io.github.eventsourcing.azure.command;

import java.util.function.Function;

/** Where a {@link CommandHandler} declares its steps, in the order they run. */
public interface CommandSteps<P> {

    /**
     * Declares the next step.
     *
     * @param name letters, digits, {@code -} and {@code _}, unique within the command type (it is recorded, and part
     *             of the ids of the step's effects, so keep it stable)
     */
    Declared<P> step(String name, Step<P> action);

    /**
     * Declares the next step as a fan-out: the action runs for each of the instances, at most
     * {@code eventsourcing.commands.fan-out.parallelism} at once, and each instance's outcome is recorded in the
     * command's stream (many per event), so a resumed step skips the instances already done. Instances that fail with
     * an error are tried again in up to {@code eventsourcing.commands.fan-out.retry-passes} retry passes, then
     * recorded as {@value FanOutResults#FAILED}; the step completes once every instance has an outcome (the fan-in),
     * and {@link FanOutResults} collates them. A cancellation is seen at the step's end, like any step's.
     *
     * @param name      as for {@link #step}; also part of the ids of the instances' effects
     * @param instances which instances, listed when the step starts (and again when it is resumed)
     */
    Declared<P> forEachInstance(String name, FanOutInstances instances, InstanceStep<P> action);

    /**
     * Declares the next step as a fan-out over instances chosen by the command's parameters (e.g. the accounts a
     * classification includes at a threshold the command names); otherwise as
     * {@link #forEachInstance(String, FanOutInstances, InstanceStep)}.
     *
     * @param instances which instances for the command's parameters, asked when the step starts (and again when it
     *                  is resumed)
     */
    Declared<P> forEachInstance(String name, Function<P, FanOutInstances> instances, InstanceStep<P> action);

    /** A declared step, to which a compensation can be added. */
    interface Declared<P> {

        /**
         * What undoes the step when a later step fails for good or the command is cancelled: compensations of the
         * completed steps run in reverse order, each recorded like a step under its own name.
         */
        void compensatedBy(String name, Step<P> compensation);
    }
}
