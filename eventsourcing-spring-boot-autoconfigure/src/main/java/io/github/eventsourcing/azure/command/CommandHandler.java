package io.github.eventsourcing.azure.command;

/**
 * Runs one type of command: a Spring bean that names the type, the class of its parameters and its steps, e.g.
 * <pre>{@code
 * @Component
 * class TransferMoney implements CommandHandler<Transfer> {
 *     public CommandType type() { return CommandType.of("Bank", "TransferMoney"); }
 *     public Class<Transfer> parametersType() { return Transfer.class; }
 *     public void declareSteps(CommandSteps<Transfer> steps) {
 *         steps.step("debit", this::debit).compensatedBy("refund", this::refund);
 *         steps.step("credit", this::credit);
 *     }
 * }
 * }</pre>
 * Steps run in the declared order, each at least once: after a crash a step runs again, so its writes to other
 * streams go through {@link StepContext#effectOn}, which writes each effect once.
 *
 * @param <P> the parameters: a class the storage JSON mapper reads and writes (a record, say)
 */
public interface CommandHandler<P> {

    CommandType type();

    Class<P> parametersType();

    /** Declares the steps, in order; called once, at start-up. */
    void declareSteps(CommandSteps<P> steps);
}
