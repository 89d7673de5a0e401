package io.github.eventsourcing.azure.demo.bank.account.projection;

import io.github.eventsourcing.azure.demo.bank.account.Money;
import io.github.eventsourcing.azure.demo.bank.account.event.InterestAccrued;
import io.github.eventsourcing.azure.demo.bank.account.event.InterestPaid;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionName;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Interest accrued but not yet paid, to 6 decimals: positive when the bank owes the client, negative when the client
 * owes the bank. A payment settles the rounded amount, so a sub-cent remainder stays due instead of being lost.
 */
@ProjectionName("Interest Due")
public class InterestDue {

    private BigDecimal amount = BigDecimal.ZERO.setScale(Money.INTEREST_SCALE);
    private LocalDate lastAccruedOn;

    @EventHandler
    public void on(InterestAccrued accrued) {
        amount = amount.add(accrued.amount());
        lastAccruedOn = accrued.accruedOn();
    }

    @EventHandler
    public void on(InterestPaid paid) {
        amount = amount.subtract(paid.amount());
    }

    public BigDecimal getAmount() {
        return amount;
    }

    /** The day interest was last accrued for; null when it never was. */
    public LocalDate getLastAccruedOn() {
        return lastAccruedOn;
    }

    /** What a payment would settle now: the amount due rounded half-even to cents. */
    public BigDecimal payable() {
        return Money.payable(amount);
    }
}
