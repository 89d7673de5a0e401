package io.github.eventsourcing.azure.command;

/** Where a {@link CommandHandler} declares its steps, in the order they run. */
public interface CommandSteps<P> {

    /**
     * Declares the next step.
     *
     * @param name letters, digits, {@code -} and {@code _}, unique within the command type (it is recorded, and part
     *             of the ids of the step's effects, so keep it stable)
     */
    Declared<P> step(String name, Step<P> action);

    /** A declared step, to which a compensation can be added. */
    interface Declared<P> {

        /**
         * What undoes the step when a later step fails for good or the command is cancelled: compensations of the
         * completed steps run in reverse order, each recorded like a step under its own name.
         */
        void compensatedBy(String name, Step<P> compensation);
    }
}
