package io.github.eventsourcing.azure.demo.bank.account.projection;

import io.github.eventsourcing.azure.demo.bank.account.Money;
import io.github.eventsourcing.azure.demo.bank.account.event.InterestPaid;
import io.github.eventsourcing.azure.demo.bank.account.event.MoneyDeposited;
import io.github.eventsourcing.azure.demo.bank.account.event.MoneyWithdrawn;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionName;
import io.github.eventsourcing.azure.projection.Snapshots;

import java.math.BigDecimal;

/**
 * The money in the account: deposits and paid interest in, withdrawals (and charged interest) out. Every withdrawal
 * folds it, so it keeps snapshots: a long-lived account's balance is read from its newest snapshot plus the events
 * after it, not from the whole history.
 */
@ProjectionName("Balance")
@Snapshots(every = 50)
public class Balance {

    private BigDecimal amount = Money.ZERO;

    @EventHandler
    public void on(MoneyDeposited deposited) {
        amount = amount.add(deposited.amount());
    }

    @EventHandler
    public void on(MoneyWithdrawn withdrawn) {
        amount = amount.subtract(withdrawn.amount());
    }

    @EventHandler
    public void on(InterestPaid paid) {
        amount = amount.add(paid.amount());
    }

    public BigDecimal getAmount() {
        return amount;
    }

    /** Whether the balance can go down by {@code amount} without dropping below {@code -overdraftLimit}. */
    public boolean covers(BigDecimal amount, OverdraftLimit overdraftLimit) {
        return this.amount.add(overdraftLimit.getLimit()).compareTo(amount) >= 0;
    }
}
