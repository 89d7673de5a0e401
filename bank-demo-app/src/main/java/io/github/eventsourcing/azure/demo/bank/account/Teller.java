package io.github.eventsourcing.azure.demo.bank.account;

import io.github.eventsourcing.azure.demo.bank.account.event.AccountOpened;
import io.github.eventsourcing.azure.demo.bank.account.event.BeneficiarySet;
import io.github.eventsourcing.azure.demo.bank.account.event.MoneyDeposited;
import io.github.eventsourcing.azure.demo.bank.account.event.MoneyWithdrawn;
import io.github.eventsourcing.azure.demo.bank.account.event.OverdraftLimitSet;
import io.github.eventsourcing.azure.demo.bank.account.projection.Balance;
import io.github.eventsourcing.azure.demo.bank.account.projection.OverdraftLimit;
import io.github.eventsourcing.azure.projection.ProjectionOptions;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.ConcurrencyConflictException;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.StreamAlreadyExistsException;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.StreamNotFoundException;
import io.github.eventsourcing.azure.stream.WriteContext;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The account operations and their rules. Each takes the account's stream (which controllers get injected) and
 * writes its decision as events; operations that must not overdraw re-check on fresh state when another writer got in
 * first, so concurrent requests can never create, lose or overdraw money.
 */
@Service
public class Teller {

    private final Projections projections;

    public Teller(Projections projections) {
        this.projections = projections;
    }

    /**
     * Opens the account, with its opening deposit (if any) in the same atomic append: an account never exists without
     * the money it was opened with.
     *
     * @throws AccountAlreadyExistsException the account number is taken
     */
    public AppendResult open(EventStream account, String clientName, BigDecimal openingBalance, WriteContext context) {
        List<Object> events = new ArrayList<>();
        events.add(new AccountOpened(clientName));
        if (openingBalance != null && openingBalance.signum() > 0) {
            events.add(new MoneyDeposited(Money.cents(openingBalance)));
        }
        try {
            return account.append(events, AppendOptions.mustBeNew().withContext(context));
        } catch (StreamAlreadyExistsException e) {
            throw new AccountAlreadyExistsException(account.id().instanceKey());
        }
    }

    /**
     * A deposit needs no check, so it appends at the end of the stream whatever else is being written there (the
     * store retries a lost race itself).
     *
     * @throws AccountBusyException the store lost the race to other writers every time it tried; nothing was written
     */
    public AppendResult deposit(EventStream account, BigDecimal amount, WriteContext context) {
        return deposit(account.id(), amount, appendTo(account, context));
    }

    /** A deposit written through {@code append}: a command's effect, say, which appends with its own event id. */
    public AppendResult deposit(StreamId account, BigDecimal amount, Append append) {
        return appendToExisting(account, new MoneyDeposited(Money.cents(amount)), append);
    }

    /**
     * Withdraws when the balance plus the overdraft limit covers the amount. The withdrawal is appended expecting the
     * version of the balance it checked, so that a deposit or withdrawal in between makes it check again.
     *
     * @throws InsufficientFundsException the balance plus the overdraft limit is less than the amount
     */
    public Withdrawal withdraw(EventStream account, BigDecimal amount, WriteContext context) {
        return withdraw(account.id(), amount, appendTo(account, context));
    }

    /** A withdrawal written through {@code append}: a command's effect, say, which appends with its own event id. */
    public Withdrawal withdraw(StreamId account, BigDecimal amount, Append append) {
        BigDecimal money = Money.cents(amount);
        return ConflictRetry.decide(account, () -> {
            Funds funds = fundsOf(account);
            if (!funds.balance().covers(money, funds.overdraftLimit())) {
                throw new InsufficientFundsException("Cannot withdraw " + money + ": the balance is "
                        + funds.balance().getAmount() + " and the overdraft limit is "
                        + funds.overdraftLimit().getLimit() + ".");
            }
            AppendResult written = append.append(new MoneyWithdrawn(money),
                    AppendOptions.expectingVersion(funds.version()));
            return new Withdrawal(funds.balance().getAmount().subtract(money), written);
        });
    }

    /**
     * Sets how far the balance may go below zero; refused when the account is already further below zero than the new
     * limit allows (checked and appended at one version, like a withdrawal).
     *
     * @throws InsufficientFundsException the balance is below {@code -limit}
     */
    public AppendResult setOverdraftLimit(EventStream account, BigDecimal limit, WriteContext context) {
        BigDecimal newLimit = Money.cents(limit);
        return ConflictRetry.decide(account.id(), () -> {
            Funds funds = fundsOf(account.id());
            if (funds.balance().getAmount().compareTo(newLimit.negate()) < 0) {
                throw new InsufficientFundsException("Cannot lower the overdraft limit to " + newLimit
                        + ": the balance is already " + funds.balance().getAmount() + ".");
            }
            return account.append(new OverdraftLimitSet(newLimit),
                    AppendOptions.expectingVersion(funds.version()).withContext(context));
        });
    }

    public AppendResult setBeneficiary(EventStream account, String name, String countryOfResidence,
                                       WriteContext context) {
        return appendToExisting(account.id(), new BeneficiarySet(name, countryOfResidence),
                appendTo(account, context));
    }

    private static AppendResult appendToExisting(StreamId account, Object event, Append append) {
        try {
            return append.append(event, AppendOptions.mustExist());
        } catch (StreamNotFoundException e) {
            throw new AccountNotFoundException(account.instanceKey());
        } catch (ConcurrencyConflictException e) {
            // Only on a stream so busy that the store's own retries all lost: nothing was written.
            throw new AccountBusyException(account.instanceKey());
        }
    }

    private static Append appendTo(EventStream account, WriteContext context) {
        return (event, options) -> account.append(event, options.withContext(context));
    }

    /** How an operation's one event is appended. */
    @FunctionalInterface
    public interface Append {
        AppendResult append(Object event, AppendOptions options);
    }

    /**
     * The balance and the overdraft limit as of one and the same event. The limit is folded up to the sequence the
     * balance was folded to, so a limit change written between the two reads cannot slip into a decision whose
     * append expects the earlier version.
     */
    Funds fundsOf(StreamId id) {
        ProjectionResult<Balance> balance = projections.project(id, Balance.class);
        if (!balance.exists()) {
            throw new AccountNotFoundException(id.instanceKey());
        }
        ProjectionResult<OverdraftLimit> limit = projections.project(id, OverdraftLimit.class,
                ProjectionOptions.asOf(balance.asOfSequence()));
        return new Funds(balance.state(), limit.state(), balance.asOfSequence());
    }

    /** The balance and overdraft limit after the event at {@code version}. */
    record Funds(Balance balance, OverdraftLimit overdraftLimit, long version) {
    }

    /**
     * A withdrawal that was written.
     *
     * @param balance the balance right after it
     * @param written the append of its event
     */
    public record Withdrawal(BigDecimal balance, AppendResult written) {

        /** The sequence number of its event. */
        public long sequenceNumber() {
            return written.lastSequence();
        }
    }
}
