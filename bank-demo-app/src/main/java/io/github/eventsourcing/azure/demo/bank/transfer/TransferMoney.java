package io.github.eventsourcing.azure.demo.bank.transfer;

import io.github.eventsourcing.azure.command.CommandFailure;
import io.github.eventsourcing.azure.command.CommandHandler;
import io.github.eventsourcing.azure.command.CommandSteps;
import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.command.EffectTarget;
import io.github.eventsourcing.azure.command.StepContext;
import io.github.eventsourcing.azure.demo.bank.BankProperties;
import io.github.eventsourcing.azure.demo.bank.account.AccountNotFoundException;
import io.github.eventsourcing.azure.demo.bank.account.Bank;
import io.github.eventsourcing.azure.demo.bank.account.InsufficientFundsException;
import io.github.eventsourcing.azure.demo.bank.account.Teller;
import io.github.eventsourcing.azure.stream.WriteContext;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Moves money from one account to another in two steps, each an event on one account: {@code debit} (a withdrawal,
 * with the overdraft check; undone by {@code refund}) and {@code credit} (a deposit). A step that cannot be made ends
 * the transfer with a reason, {@code insufficient-funds} or {@code account-not-found}; a debit already made is
 * refunded. The account events carry the transfer id as their correlation id.
 */
@Component
public class TransferMoney implements CommandHandler<Transfer> {

    /** The command type's name; a compile-time constant so {@code @CommandOf} can use it. */
    public static final String NAME = "TransferMoney";
    public static final CommandType TYPE = CommandType.of(Bank.DOMAIN, NAME);

    static final String INSUFFICIENT_FUNDS = "insufficient-funds";
    static final String ACCOUNT_NOT_FOUND = "account-not-found";

    private final Teller teller;
    private final Duration delayBeforeCredit;

    public TransferMoney(Teller teller, BankProperties properties) {
        this.teller = teller;
        this.delayBeforeCredit = properties.transfers().delayBeforeCredit();
    }

    @Override
    public CommandType type() {
        return TYPE;
    }

    @Override
    public Class<Transfer> parametersType() {
        return Transfer.class;
    }

    @Override
    public void declareSteps(CommandSteps<Transfer> steps) {
        steps.step("debit", this::debit).compensatedBy("refund", this::refund);
        steps.step("credit", this::credit);
    }

    private void debit(StepContext<Transfer> step) throws InterruptedException {
        Transfer transfer = step.parameters();
        step.effectOn(Bank.account(transfer.from()), target -> refusing(() -> teller.withdraw(target.stream().id(),
                transfer.amount(), commented(target, transfer)).written()));
        // After the debit's write and before its step boundary, so that a cancellation made during the pause is
        // seen at that boundary, before the credit starts.
        if (!delayBeforeCredit.isZero()) {
            Thread.sleep(delayBeforeCredit.toMillis());
        }
    }

    private void credit(StepContext<Transfer> step) {
        Transfer transfer = step.parameters();
        step.effectOn(Bank.account(transfer.to()), target -> refusing(() -> teller.deposit(target.stream().id(),
                transfer.amount(), commented(target, transfer))));
    }

    private void refund(StepContext<Transfer> step) {
        Transfer transfer = step.parameters();
        step.effectOn(Bank.account(transfer.from()), target -> teller.deposit(target.stream().id(), transfer.amount(),
                (event, options) -> target.append(event, options.withContext(WriteContext.EMPTY
                        .withCommentary("Refund of transfer " + step.commandId())))));
    }

    private static Teller.Append commented(EffectTarget target, Transfer transfer) {
        return (event, options) -> target.append(event, options.withContext(WriteContext.EMPTY
                .withCommentary(transfer.commentary())));
    }

    /** The teller's refusals are the transfer's business reasons: not retried, the transfer ends with them. */
    private static <T> T refusing(java.util.function.Supplier<T> operation) {
        try {
            return operation.get();
        } catch (InsufficientFundsException e) {
            throw new CommandFailure(INSUFFICIENT_FUNDS, e.getMessage());
        } catch (AccountNotFoundException e) {
            throw new CommandFailure(ACCOUNT_NOT_FOUND, e.getMessage());
        }
    }
}
