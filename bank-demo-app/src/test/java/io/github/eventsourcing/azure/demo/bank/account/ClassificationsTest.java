package io.github.eventsourcing.azure.demo.bank.account;

import io.github.eventsourcing.azure.demo.bank.account.event.InterestAccrued;
import io.github.eventsourcing.azure.demo.bank.account.event.MoneyDeposited;
import io.github.eventsourcing.azure.demo.bank.account.event.MoneyWithdrawn;
import io.github.eventsourcing.azure.demo.bank.account.projection.BalanceBelowThreshold;
import io.github.eventsourcing.azure.demo.bank.account.projection.InterestAccruedToday;
import io.github.eventsourcing.azure.projection.ClassificationResult;
import io.github.eventsourcing.azure.stream.EventStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Account classifications")
class ClassificationsTest {

    private static final LocalDate MONDAY = LocalDate.parse("2025-03-10");

    private final InMemoryBank bank = new InMemoryBank();

    @Test
    @DisplayName("Balance Below Threshold includes an account while its balance is strictly below the threshold")
    void balanceBelowThresholdFollowsBalance() {
        EventStream account = bank.open("A-1", "100.00", "0");
        assertThat(belowThreshold(account, "100.00").included()).as("100.00 is not below 100.00").isFalse();
        assertThat(belowThreshold(account, "100.01").included()).isTrue();

        account.append(new MoneyWithdrawn(new BigDecimal("60.00")));
        ClassificationResult<BalanceBelowThreshold> below = belowThreshold(account, "50");
        assertThat(below.included()).isTrue();

        account.append(new MoneyDeposited(new BigDecimal("10.00")));
        ClassificationResult<BalanceBelowThreshold> back = belowThreshold(account, "50");
        assertThat(back.included()).isFalse();
        assertThat(back.wasEverIncluded()).isTrue();
        assertThat(back.wasEverExcluded()).isTrue();
    }

    @Test
    @DisplayName("Balance Below Threshold selects exactly the accounts under the threshold, overdrawn ones included")
    void balanceBelowThresholdAcrossAccounts() {
        bank.open("rich", "1000.00", "0");
        bank.open("poor", "5.00", "0");
        EventStream overdrawn = bank.open("overdrawn", "0", "100.00");
        bank.teller.withdraw(overdrawn, new BigDecimal("20.00"), InMemoryBank.CONTEXT);
        bank.open("empty", "0", "0");

        assertThat(bank.projections.instanceKeysIncludedBy(Bank.ACCOUNTS, BalanceBelowThreshold.class,
                Map.of(BalanceBelowThreshold.THRESHOLD, new BigDecimal("10")))).containsExactly("empty", "overdrawn",
                "poor");
        assertThat(bank.projections.instanceKeysIncludedBy(Bank.ACCOUNTS, BalanceBelowThreshold.class,
                Map.of(BalanceBelowThreshold.THRESHOLD, "0"))).as("the threshold may come as text, e.g. from a URL")
                .containsExactly("overdrawn");
    }

    @Test
    @DisplayName("Interest Accrued Today includes an account only when its latest accrual is for the given day")
    void interestAccruedTodayIsPerDay() {
        EventStream account = bank.open("A-1", "100.00", "0");
        assertThat(accruedOn(account, MONDAY).included()).as("never accrued").isFalse();

        account.append(new InterestAccrued(new BigDecimal("0.050000"), new BigDecimal("0.0005"), MONDAY));

        assertThat(accruedOn(account, MONDAY).included()).isTrue();
        assertThat(accruedOn(account, MONDAY.plusDays(1)).included()).isFalse();
        assertThat(accruedOn(account, MONDAY.plusDays(1)).wasEverExcluded()).isTrue();
    }

    private ClassificationResult<BalanceBelowThreshold> belowThreshold(EventStream account, String threshold) {
        return bank.projections.classify(account.id(), BalanceBelowThreshold.class,
                Map.of(BalanceBelowThreshold.THRESHOLD, new BigDecimal(threshold)));
    }

    private ClassificationResult<InterestAccruedToday> accruedOn(EventStream account, LocalDate day) {
        return bank.projections.classify(account.id(), InterestAccruedToday.class,
                Map.of(InterestAccruedToday.TODAY, day));
    }
}
