package io.github.eventsourcing.azure.demo.bank.account.projection;

import io.github.eventsourcing.azure.demo.bank.account.event.AccountOpened;
import io.github.eventsourcing.azure.demo.bank.account.event.BeneficiarySet;
import io.github.eventsourcing.azure.demo.bank.account.event.InterestAccrued;
import io.github.eventsourcing.azure.demo.bank.account.event.InterestPaid;
import io.github.eventsourcing.azure.demo.bank.account.event.MoneyDeposited;
import io.github.eventsourcing.azure.demo.bank.account.event.MoneyWithdrawn;
import io.github.eventsourcing.azure.demo.bank.account.event.OverdraftLimitSet;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionName;

/**
 * Everything the account page shows, folded in one pass so that every figure is as of the same event. It hands the
 * money events to the {@link Balance}, {@link OverdraftLimit} and {@link InterestDue} projections rather than
 * repeating their arithmetic.
 */
@ProjectionName("Account Summary")
public class AccountSummary {

    private String clientName;
    private Beneficiary beneficiary;
    private final Balance balance = new Balance();
    private final OverdraftLimit overdraftLimit = new OverdraftLimit();
    private final InterestDue interestDue = new InterestDue();

    @EventHandler
    public void on(AccountOpened opened) {
        clientName = opened.clientName();
    }

    @EventHandler
    public void on(BeneficiarySet set) {
        beneficiary = new Beneficiary(set.name(), set.countryOfResidence());
    }

    @EventHandler
    public void on(MoneyDeposited deposited) {
        balance.on(deposited);
    }

    @EventHandler
    public void on(MoneyWithdrawn withdrawn) {
        balance.on(withdrawn);
    }

    @EventHandler
    public void on(OverdraftLimitSet set) {
        overdraftLimit.on(set);
    }

    @EventHandler
    public void on(InterestAccrued accrued) {
        interestDue.on(accrued);
    }

    @EventHandler
    public void on(InterestPaid paid) {
        balance.on(paid);
        interestDue.on(paid);
    }

    public String getClientName() {
        return clientName;
    }

    /** Null until a beneficiary is set. */
    public Beneficiary getBeneficiary() {
        return beneficiary;
    }

    public Balance getBalance() {
        return balance;
    }

    public OverdraftLimit getOverdraftLimit() {
        return overdraftLimit;
    }

    public InterestDue getInterestDue() {
        return interestDue;
    }

    public record Beneficiary(String name, String countryOfResidence) {
    }
}
