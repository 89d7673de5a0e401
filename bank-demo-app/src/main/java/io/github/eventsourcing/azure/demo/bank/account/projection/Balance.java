package io.github.eventsourcing.azure.demo.bank.account.projection;

import io.github.eventsourcing.azure.demo.bank.account.Money;
import io.github.eventsourcing.azure.demo.bank.account.event.InterestPaid;
import io.github.eventsourcing.azure.demo.bank.account.event.MoneyDeposited;
import io.github.eventsourcing.azure.demo.bank.account.event.MoneyWithdrawn;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionName;

import java.math.BigDecimal;

/** The money in the account: deposits and paid interest in, withdrawals (and charged interest) out. */
@ProjectionName("Balance")
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
