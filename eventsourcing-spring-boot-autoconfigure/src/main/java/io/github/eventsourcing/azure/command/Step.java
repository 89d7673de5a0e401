package io.github.eventsourcing.azure.command;

/**
 * The code of one step or compensation. Throw {@link CommandFailure} to refuse for a business reason (the command then
 * compensates and fails); any other exception is an error after which the step runs again, up to
 * {@code eventsourcing.commands.max-attempts} times.
 */
@FunctionalInterface
public interface Step<P> {

    void run(StepContext<P> context) throws Exception;
}
