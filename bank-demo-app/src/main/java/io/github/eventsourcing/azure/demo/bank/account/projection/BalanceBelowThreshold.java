package io.github.eventsourcing.azure.demo.bank.account.projection;

import io.github.eventsourcing.azure.demo.bank.account.event.AccountOpened;
import io.github.eventsourcing.azure.demo.bank.account.event.InterestPaid;
import io.github.eventsourcing.azure.demo.bank.account.event.MoneyDeposited;
import io.github.eventsourcing.azure.demo.bank.account.event.MoneyWithdrawn;
import io.github.eventsourcing.azure.projection.ClassificationParameter;
import io.github.eventsourcing.azure.projection.Classified;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionName;

import java.math.BigDecimal;

/**
 * Accounts whose balance is strictly below a threshold (the {@code threshold} parameter), e.g. to list the accounts
 * that need attention. Every event that moves the balance re-decides; the {@link Balance} projection does the sums.
 */
@ProjectionName("Balance Below Threshold")
public class BalanceBelowThreshold {

    public static final String THRESHOLD = "threshold";

    @ClassificationParameter(THRESHOLD)
    private BigDecimal threshold;

    private final Balance balance = new Balance();

    @EventHandler
    public Classified on(AccountOpened opened) {
        return decide();
    }

    @EventHandler
    public Classified on(MoneyDeposited deposited) {
        balance.on(deposited);
        return decide();
    }

    @EventHandler
    public Classified on(MoneyWithdrawn withdrawn) {
        balance.on(withdrawn);
        return decide();
    }

    @EventHandler
    public Classified on(InterestPaid paid) {
        balance.on(paid);
        return decide();
    }

    private Classified decide() {
        return balance.getAmount().compareTo(threshold) < 0 ? Classified.INCLUDE : Classified.EXCLUDE;
    }

    public BigDecimal getThreshold() {
        return threshold;
    }

    public Balance getBalance() {
        return balance;
    }
}
