package io.github.eventsourcing.azure.demo.bank.account;

import io.github.eventsourcing.azure.demo.bank.MutableClock;
import io.github.eventsourcing.azure.demo.bank.account.event.InterestAccrued;
import io.github.eventsourcing.azure.demo.bank.account.event.InterestPaid;
import io.github.eventsourcing.azure.demo.bank.account.event.MoneyDeposited;
import io.github.eventsourcing.azure.demo.bank.account.projection.AccountSummary;
import io.github.eventsourcing.azure.stream.EventStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The interest desk")
class InterestDeskTest {

    /** The rates of the original demo's nightly job. */
    private static final InterestRates RATES = new InterestRates(new BigDecimal("0.0005"), new BigDecimal("0.001"));

    private final InMemoryBank bank = new InMemoryBank();
    private final MutableClock clock = new MutableClock("2025-03-10T23:59:59Z");
    private final InterestDesk desk = new InterestDesk(bank.projections, clock);

    @Test
    @DisplayName("accrues balance x credit rate on a positive balance, to 6 decimals, for today's UTC date")
    void accruesCreditInterest() {
        EventStream account = bank.open("A-1", "1234.57", "0");

        InterestDesk.Accrual accrual = desk.accrue(account, RATES, InMemoryBank.CONTEXT);

        assertThat(accrual.amount()).isEqualByComparingTo("0.617285"); // 1234.57 x 0.0005 = 0.617285
        assertThat(accrual.amount().scale()).isEqualTo(6);
        assertThat(accrual.accruedOn()).isEqualTo(LocalDate.parse("2025-03-10"));
        InterestAccrued event = account.read().get((int) accrual.sequenceNumber() - 1).payloadAs(InterestAccrued.class);
        assertThat(event.rate()).isEqualByComparingTo("0.0005");
        assertThat(event.accruedOn()).isEqualTo(LocalDate.parse("2025-03-10"));
    }

    @Test
    @DisplayName("accrues balance x debit rate, a negative amount, on an overdrawn balance")
    void accruesDebitInterest() {
        EventStream account = bank.open("A-1", "0", "500.00");
        bank.teller.withdraw(account, new BigDecimal("333.33"), InMemoryBank.CONTEXT);

        InterestDesk.Accrual accrual = desk.accrue(account, RATES, InMemoryBank.CONTEXT);

        assertThat(accrual.amount()).isEqualByComparingTo("-0.333330");
    }

    @Test
    @DisplayName("rounds the accrual half-even at the sixth decimal")
    void accrualRoundsHalfEven() {
        EventStream account = bank.open("A-1", "0.05", "0");
        InterestRates tiny = new InterestRates(new BigDecimal("0.00001"), BigDecimal.ZERO);

        // 0.05 x 0.00001 = 0.0000005: exactly half a unit of the 6th decimal, rounded to the even 0.000000
        assertThat(desk.accrue(account, tiny, InMemoryBank.CONTEXT).amount()).isEqualByComparingTo("0");
    }

    @Test
    @DisplayName("accrues at most once per day, and again the next day")
    void accruesOncePerDay() {
        EventStream account = bank.open("A-1", "100.00", "0");
        desk.accrue(account, RATES, InMemoryBank.CONTEXT);

        assertThatThrownBy(() -> desk.accrue(account, RATES, InMemoryBank.CONTEXT))
                .isInstanceOf(InterestAlreadyAccruedException.class).hasMessageContaining("2025-03-10");

        clock.set("2025-03-11T00:00:00Z");
        desk.accrue(account, RATES, InMemoryBank.CONTEXT);
        assertThat(InMemoryBank.eventNames(account).stream().filter("Interest Accrued"::equals)).hasSize(2);
    }

    @Test
    @DisplayName("decides 'already accrued today' again when another accrual got in between its check and its append")
    void concurrentAccrualIsDetected() {
        EventStream account = bank.open("A-1", "100.00", "0");
        InterleavingStream racing = new InterleavingStream(account,
                new InterestAccrued(new BigDecimal("0.050000"), new BigDecimal("0.0005"), LocalDate.parse("2025-03-10")));

        assertThatThrownBy(() -> desk.accrue(racing, RATES, InMemoryBank.CONTEXT))
                .isInstanceOf(InterestAlreadyAccruedException.class);
        assertThat(InMemoryBank.eventNames(account).stream().filter("Interest Accrued"::equals)).hasSize(1);
    }

    @Test
    @DisplayName("pays the interest due rounded half-even to cents and leaves the remainder due")
    void paysRoundedInterest() {
        EventStream account = bank.open("A-1", "250.00", "0");
        desk.accrue(account, RATES, InMemoryBank.CONTEXT); // 250.00 x 0.0005 = 0.125000

        InterestDesk.Payment payment = desk.pay(account, InMemoryBank.CONTEXT);

        assertThat(payment.amount()).as("0.125 rounds half-even to 0.12").isEqualByComparingTo("0.12");
        assertThat(payment.balance()).isEqualByComparingTo("250.12");
        AccountSummary summary = bank.projections.project(account.id(), AccountSummary.class).state();
        assertThat(summary.getBalance().getAmount()).isEqualByComparingTo("250.12");
        assertThat(summary.getInterestDue().getAmount()).isEqualByComparingTo("0.005000");
    }

    @Test
    @DisplayName("rounds a half cent up to the even cent")
    void paysHalfCentToEven() {
        EventStream account = bank.open("A-1", "0", "0");
        account.append(new InterestAccrued(new BigDecimal("0.135000"), new BigDecimal("0.0005"),
                LocalDate.parse("2025-03-09")));

        assertThat(desk.pay(account, InMemoryBank.CONTEXT).amount()).isEqualByComparingTo("0.14");
    }

    @Test
    @DisplayName("charges negative interest when it fits within the overdraft limit")
    void chargesInterest() {
        EventStream account = bank.open("A-1", "0", "100.00");
        bank.teller.withdraw(account, new BigDecimal("50.00"), InMemoryBank.CONTEXT);
        desk.accrue(account, RATES, InMemoryBank.CONTEXT); // -50.00 x 0.001 = -0.050000

        InterestDesk.Payment payment = desk.pay(account, InMemoryBank.CONTEXT);

        assertThat(payment.amount()).isEqualByComparingTo("-0.05");
        assertThat(payment.balance()).isEqualByComparingTo("-50.05");
        assertThat(account.read().get((int) payment.sequenceNumber() - 1).payloadAs(InterestPaid.class).amount())
                .isEqualByComparingTo("-0.05");
    }

    @Test
    @DisplayName("refuses to charge interest that would take the balance past the overdraft limit, and writes nothing")
    void refusesChargeBeyondOverdraft() {
        EventStream account = bank.open("A-1", "0", "100.00");
        bank.teller.withdraw(account, new BigDecimal("100.00"), InMemoryBank.CONTEXT);
        desk.accrue(account, RATES, InMemoryBank.CONTEXT); // -0.100000
        long version = account.version();

        assertThatThrownBy(() -> desk.pay(account, InMemoryBank.CONTEXT))
                .isInstanceOf(InsufficientFundsException.class).hasMessageContaining("0.10");
        assertThat(account.version()).isEqualTo(version);
    }

    @Test
    @DisplayName("writes nothing when no interest is payable")
    void nothingToPay() {
        EventStream account = bank.open("A-1", "5.00", "0");
        long version = account.version();

        InterestDesk.Payment payment = desk.pay(account, InMemoryBank.CONTEXT);

        assertThat(payment.amount()).isEqualByComparingTo("0");
        assertThat(payment.balance()).isEqualByComparingTo("5.00");
        assertThat(account.version()).isEqualTo(version);
    }

    @Test
    @DisplayName("re-checks a payment when a deposit got in between, and pays once")
    void paymentRetriesAfterConflict() {
        EventStream account = bank.open("A-1", "250.00", "0");
        desk.accrue(account, RATES, InMemoryBank.CONTEXT);
        InterleavingStream racing = new InterleavingStream(account, new MoneyDeposited(new BigDecimal("1.00")));

        InterestDesk.Payment payment = desk.pay(racing, InMemoryBank.CONTEXT);

        assertThat(racing.appendAttempts()).isEqualTo(2);
        assertThat(payment.balance()).isEqualByComparingTo("251.12");
        assertThat(InMemoryBank.eventNames(account).stream().filter("Interest Paid"::equals)).hasSize(1);
    }

    @Test
    @DisplayName("reports a missing account")
    void missingAccount() {
        assertThatThrownBy(() -> desk.accrue(bank.account("ghost"), RATES, InMemoryBank.CONTEXT))
                .isInstanceOf(AccountNotFoundException.class);
        assertThatThrownBy(() -> desk.pay(bank.account("ghost"), InMemoryBank.CONTEXT))
                .isInstanceOf(AccountNotFoundException.class);
    }
}
