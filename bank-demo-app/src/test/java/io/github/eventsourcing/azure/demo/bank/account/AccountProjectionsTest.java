package io.github.eventsourcing.azure.demo.bank.account;

import io.github.eventsourcing.azure.demo.bank.account.event.BeneficiarySet;
import io.github.eventsourcing.azure.demo.bank.account.event.InterestAccrued;
import io.github.eventsourcing.azure.demo.bank.account.event.InterestPaid;
import io.github.eventsourcing.azure.demo.bank.account.event.MoneyDeposited;
import io.github.eventsourcing.azure.demo.bank.account.event.MoneyWithdrawn;
import io.github.eventsourcing.azure.demo.bank.account.event.OverdraftLimitSet;
import io.github.eventsourcing.azure.demo.bank.account.projection.AccountSummary;
import io.github.eventsourcing.azure.demo.bank.account.projection.Balance;
import io.github.eventsourcing.azure.demo.bank.account.projection.BalanceHistory;
import io.github.eventsourcing.azure.demo.bank.account.projection.InterestDue;
import io.github.eventsourcing.azure.demo.bank.account.projection.OverdraftLimit;
import io.github.eventsourcing.azure.projection.ProjectionOptions;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Account projections")
class AccountProjectionsTest {

    private static final LocalDate DAY = LocalDate.parse("2025-03-10");

    private final InMemoryBank bank = new InMemoryBank();

    @Test
    @DisplayName("the balance adds deposits and paid interest and subtracts withdrawals and charged interest")
    void balanceFollowsMoneyEvents() {
        EventStream account = bank.open("A-1", "100.00", "0");
        account.append(new MoneyDeposited(amount("20.50")), new MoneyWithdrawn(amount("70.25")),
                new InterestPaid(amount("0.12")), new InterestPaid(amount("-0.02")));

        ProjectionResult<Balance> balance = bank.projections.project(account.id(), Balance.class);

        assertThat(balance.state().getAmount()).isEqualByComparingTo("50.35");
        assertThat(balance.asOfSequence()).isEqualTo(6);
    }

    @Test
    @DisplayName("the balance of an account that was never opened is zero and says the account does not exist")
    void balanceOfMissingAccount() {
        ProjectionResult<Balance> balance = bank.projections.project(Bank.account("nobody"), Balance.class);

        assertThat(balance.exists()).isFalse();
        assertThat(balance.state().getAmount()).isEqualByComparingTo("0");
        assertThat(balance.asOfSequence()).isZero();
    }

    @Test
    @DisplayName("the overdraft limit is the latest one set, and zero before any")
    void overdraftLimitIsLatest() {
        EventStream account = bank.open("A-1", "0", "0");
        assertThat(bank.projections.project(account.id(), OverdraftLimit.class).state().getLimit())
                .isEqualByComparingTo("0");

        account.append(new OverdraftLimitSet(amount("500.00")), new OverdraftLimitSet(amount("150.00")));

        assertThat(bank.projections.project(account.id(), OverdraftLimit.class).state().getLimit())
                .isEqualByComparingTo("150.00");
    }

    @Test
    @DisplayName("interest due sums the accruals to 6 decimals and keeps the sub-cent remainder after a payment")
    void interestDueKeepsRemainder() {
        EventStream account = bank.open("A-1", "0", "0");
        account.append(new InterestAccrued(new BigDecimal("0.123456"), new BigDecimal("0.0005"), DAY),
                new InterestAccrued(new BigDecimal("0.001544"), new BigDecimal("0.0005"), DAY.plusDays(1)),
                new InterestPaid(amount("0.12")));

        InterestDue due = bank.projections.project(account.id(), InterestDue.class).state();

        assertThat(due.getAmount()).isEqualByComparingTo("0.005000");
        assertThat(due.getLastAccruedOn()).isEqualTo(DAY.plusDays(1));
        assertThat(due.payable()).isEqualByComparingTo("0.00");
    }

    @Test
    @DisplayName("the account summary shows every figure as of the same event")
    void summaryFoldsEverything() {
        EventStream account = bank.open("A-1", "10.00", "25.00");
        account.append(new BeneficiarySet("Old Name", null), new BeneficiarySet("Grace Hopper", "US"),
                new MoneyWithdrawn(amount("30.00")),
                new InterestAccrued(new BigDecimal("-0.020000"), new BigDecimal("0.001"), DAY));

        ProjectionResult<AccountSummary> summary = bank.projections.project(account.id(), AccountSummary.class);

        AccountSummary state = summary.state();
        assertThat(state.getClientName()).isEqualTo("Client of A-1");
        assertThat(state.getBeneficiary()).isEqualTo(new AccountSummary.Beneficiary("Grace Hopper", "US"));
        assertThat(state.getBalance().getAmount()).isEqualByComparingTo("-20.00");
        assertThat(state.getOverdraftLimit().getLimit()).isEqualByComparingTo("25.00");
        assertThat(state.getInterestDue().getAmount()).isEqualByComparingTo("-0.02");
        assertThat(summary.asOfSequence()).isEqualTo(account.version());
    }

    @Test
    @DisplayName("the balance history has one point per balance movement, with its sequence and write time")
    void balanceHistoryPoints() {
        EventStream account = bank.open("A-1", "100.00", "0");
        account.append(new BeneficiarySet("Ada", null), new MoneyWithdrawn(amount("40.00")));
        List<RecordedEvent> events = account.read();

        List<BalanceHistory.Point> points = bank.projections.project(account.id(), BalanceHistory.class).state()
                .getPoints();

        assertThat(points).extracting(BalanceHistory.Point::sequenceNumber).containsExactly(1L, 2L, 4L);
        assertThat(points).extracting(p -> p.balance().toPlainString()).containsExactly("0.00", "100.00", "60.00");
        assertThat(points.get(2).writtenAt()).isEqualTo(events.get(3).writtenAt());
    }

    @Test
    @DisplayName("a balance as of an earlier event counts only the events up to it")
    void balanceAsOfEarlierEvent() {
        EventStream account = bank.open("A-1", "100.00", "0");
        account.append(new MoneyDeposited(amount("5.00")));
        account.append(new MoneyWithdrawn(amount("50.00")));
        RecordedEvent deposit = account.read().get(2);

        ProjectionResult<Balance> asOfTime = bank.projections.project(account.id(), Balance.class,
                ProjectionOptions.asOf(deposit.writtenAt()));
        ProjectionResult<Balance> asOfSequence = bank.projections.project(account.id(), Balance.class,
                ProjectionOptions.asOf(3));

        assertThat(asOfSequence.state().getAmount()).isEqualByComparingTo("105.00");
        // Events written in the same instant as the deposit count too ("at or before"), so only check the bounds.
        assertThat(asOfTime.asOfSequence()).isBetween(3L, 4L);
        assertThat(asOfTime.state().getAmount()).isEqualByComparingTo(asOfTime.asOfSequence() == 3 ? "105.00" : "55.00");
    }

    private static BigDecimal amount(String value) {
        return new BigDecimal(value);
    }
}
