package io.github.eventsourcing.azure.demo.bank.account;

import io.github.eventsourcing.azure.demo.bank.account.event.AccountOpened;
import io.github.eventsourcing.azure.demo.bank.account.event.InterestAccrued;
import io.github.eventsourcing.azure.demo.bank.account.event.InterestPaid;
import io.github.eventsourcing.azure.demo.bank.account.event.MoneyDeposited;
import io.github.eventsourcing.azure.demo.bank.account.event.MoneyWithdrawn;
import io.github.eventsourcing.azure.demo.bank.account.projection.Balance;
import io.github.eventsourcing.azure.demo.bank.account.projection.BalanceBelowThreshold;
import io.github.eventsourcing.azure.demo.bank.account.projection.InterestAccruedToday;
import io.github.eventsourcing.azure.demo.bank.account.projection.InterestDue;
import io.github.eventsourcing.azure.projection.ProjectionOptions;
import io.github.eventsourcing.azure.test.ProjectionScenario;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account's projections and classifications as given / when / then scenarios ({@link ProjectionScenario}): each
 * writes its events to a fresh in-memory stream and folds them with the library, no Spring and no storage needed.
 */
@DisplayName("Balance and friends, as scenarios")
class BalanceProjectionScenarioTest {

    private static final LocalDate MONDAY = LocalDate.parse("2025-03-10");
    private static final BigDecimal DAILY_RATE = new BigDecimal("0.0005");

    @Test
    @DisplayName("the balance adds deposits and paid interest, and subtracts withdrawals")
    void balance() {
        ProjectionScenario.given(new AccountOpened("Ada"), deposited("100.00"), withdrawn("30.00"),
                        new InterestPaid(amount("0.12")))
                .when(Balance.class)
                .then(balance -> assertThat(balance.getAmount()).isEqualByComparingTo("70.12"));
    }

    @Test
    @DisplayName("a withdrawal may take the balance below zero (the teller checks the overdraft limit, not the fold)")
    void negativeBalance() {
        ProjectionScenario.given(new AccountOpened("Ada"), deposited("10.00"), withdrawn("25.50"))
                .when(Balance.class)
                .then(balance -> assertThat(balance.getAmount()).isEqualByComparingTo("-15.50"));
    }

    @Test
    @DisplayName("the balance as of a moment folds only the events written until then")
    void balanceAsOf() {
        Instant morning = Instant.parse("2025-03-10T09:00:00Z");
        Instant evening = Instant.parse("2025-03-10T18:00:00Z");

        ProjectionScenario.given()
                .at(morning).and(new AccountOpened("Ada"), deposited("100.00"))
                .at(evening).and(withdrawn("60.00"))
                .when(Balance.class, ProjectionOptions.asOf(Instant.parse("2025-03-10T12:00:00Z")))
                .thenResult(result -> {
                    assertThat(result.state().getAmount()).isEqualByComparingTo("100.00");
                    assertThat(result.asOfSequence()).isEqualTo(2);
                });
    }

    @Test
    @DisplayName("interest due keeps the sub-cent remainder after a payment")
    void interestDue() {
        ProjectionScenario.given(new InterestAccrued(new BigDecimal("0.123456"), DAILY_RATE, MONDAY),
                        new InterestAccrued(new BigDecimal("0.001544"), DAILY_RATE, MONDAY.plusDays(1)),
                        new InterestPaid(amount("0.12")))
                .when(InterestDue.class)
                .then(due -> {
                    assertThat(due.getAmount()).isEqualByComparingTo("0.005000");
                    assertThat(due.getLastAccruedOn()).isEqualTo(MONDAY.plusDays(1));
                });
    }

    @Test
    @DisplayName("an account is below the threshold while its balance is, and leaves the class once it is not")
    void balanceBelowThreshold() {
        ProjectionScenario.given(new AccountOpened("Ada"), deposited("40.00"))
                .whenClassifiedBy(BalanceBelowThreshold.class).with(BalanceBelowThreshold.THRESHOLD, "50")
                .thenIncluded();

        ProjectionScenario.given(new AccountOpened("Ada"), deposited("40.00"), deposited("15.00"))
                .whenClassifiedBy(BalanceBelowThreshold.class).with(BalanceBelowThreshold.THRESHOLD, "50")
                .thenExcluded()
                .then(result -> assertThat(result.wasEverIncluded()).isTrue());
    }

    @Test
    @DisplayName("interest counts as accrued today only when the last accrual was for today")
    void interestAccruedToday() {
        ProjectionScenario.given(new InterestAccrued(new BigDecimal("0.01"), DAILY_RATE, MONDAY))
                .whenClassifiedBy(InterestAccruedToday.class).with(InterestAccruedToday.TODAY, MONDAY)
                .thenIncluded();

        ProjectionScenario.given(new InterestAccrued(new BigDecimal("0.01"), DAILY_RATE, MONDAY))
                .whenClassifiedBy(InterestAccruedToday.class).with(InterestAccruedToday.TODAY, MONDAY.plusDays(1))
                .thenExcluded();
    }

    private static MoneyDeposited deposited(String amount) {
        return new MoneyDeposited(amount(amount));
    }

    private static MoneyWithdrawn withdrawn(String amount) {
        return new MoneyWithdrawn(amount(amount));
    }

    private static BigDecimal amount(String value) {
        return new BigDecimal(value);
    }
}
