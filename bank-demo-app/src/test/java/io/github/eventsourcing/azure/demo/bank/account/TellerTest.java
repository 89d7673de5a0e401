package io.github.eventsourcing.azure.demo.bank.account;

import io.github.eventsourcing.azure.demo.bank.account.event.MoneyDeposited;
import io.github.eventsourcing.azure.demo.bank.account.event.MoneyWithdrawn;
import io.github.eventsourcing.azure.demo.bank.account.projection.AccountSummary;
import io.github.eventsourcing.azure.demo.bank.account.projection.Balance;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The teller")
class TellerTest {

    private final InMemoryBank bank = new InMemoryBank();
    private final Teller teller = bank.teller;

    @Test
    @DisplayName("opens an account with its opening deposit in one append, with the request's write context")
    void opensWithOpeningDeposit() {
        EventStream account = bank.account("A-1");

        var opened = teller.open(account, "Ada Lovelace", new BigDecimal("250"), InMemoryBank.CONTEXT
                .withCommentary("walk-in"));

        assertThat(opened.streamCreated()).isTrue();
        assertThat(opened.eventCount()).isEqualTo(2);
        List<RecordedEvent> events = account.read();
        assertThat(events).extracting(RecordedEvent::eventName).containsExactly("Account Opened", "Money Deposited");
        assertThat(events.get(1).payloadAs(MoneyDeposited.class).amount()).isEqualByComparingTo("250.00");
        assertThat(events).allSatisfy(e -> assertThat(e.context().commentary()).isEqualTo("walk-in"));
    }

    @Test
    @DisplayName("opens an account without an opening balance with the opening event alone")
    void opensWithoutOpeningDeposit() {
        EventStream account = bank.account("A-1");

        teller.open(account, "Ada Lovelace", null, InMemoryBank.CONTEXT);

        assertThat(InMemoryBank.eventNames(account)).containsExactly("Account Opened");
    }

    @Test
    @DisplayName("refuses to open an account number that is taken, and writes nothing")
    void refusesExistingAccount() {
        EventStream account = bank.open("A-1", "10.00", "0");

        assertThatThrownBy(() -> teller.open(account, "Someone Else", new BigDecimal("99"), InMemoryBank.CONTEXT))
                .isInstanceOf(AccountAlreadyExistsException.class).hasMessageContaining("A-1");
        assertThat(InMemoryBank.eventNames(account)).containsExactly("Account Opened", "Money Deposited");
    }

    @Test
    @DisplayName("refuses deposits and beneficiaries on an account that does not exist, without creating it")
    void refusesWritesToMissingAccount() {
        EventStream account = bank.account("ghost");

        assertThatThrownBy(() -> teller.deposit(account, BigDecimal.TEN, InMemoryBank.CONTEXT))
                .isInstanceOf(AccountNotFoundException.class);
        assertThatThrownBy(() -> teller.setBeneficiary(account, "Ada", null, InMemoryBank.CONTEXT))
                .isInstanceOf(AccountNotFoundException.class);
        assertThatThrownBy(() -> teller.withdraw(account, BigDecimal.ONE, InMemoryBank.CONTEXT))
                .isInstanceOf(AccountNotFoundException.class);
        assertThat(account.exists()).isFalse();
    }

    @Test
    @DisplayName("lets a withdrawal take the balance down to exactly minus the overdraft limit, and no further")
    void withdrawalsStopAtOverdraftLimit() {
        EventStream account = bank.open("A-1", "100.00", "50.00");

        Teller.Withdrawal withdrawal = teller.withdraw(account, new BigDecimal("150.00"), InMemoryBank.CONTEXT);

        assertThat(withdrawal.balance()).isEqualByComparingTo("-50.00");
        assertThat(withdrawal.sequenceNumber()).isEqualTo(account.version());
        assertThatThrownBy(() -> teller.withdraw(account, new BigDecimal("0.01"), InMemoryBank.CONTEXT))
                .isInstanceOf(InsufficientFundsException.class)
                .hasMessage("Cannot withdraw 0.01: the balance is -50.00 and the overdraft limit is 50.00.");
        assertThat(balanceOf(account)).isEqualByComparingTo("-50.00");
    }

    @Test
    @DisplayName("refuses to lower the overdraft limit below what the account already owes")
    void overdraftLimitCannotGoBelowDebt() {
        EventStream account = bank.open("A-1", "0", "100.00");
        teller.withdraw(account, new BigDecimal("80.00"), InMemoryBank.CONTEXT);

        assertThatThrownBy(() -> teller.setOverdraftLimit(account, new BigDecimal("79.99"), InMemoryBank.CONTEXT))
                .isInstanceOf(InsufficientFundsException.class);
        teller.setOverdraftLimit(account, new BigDecimal("80.00"), InMemoryBank.CONTEXT);

        assertThat(bank.projections.project(account.id(), AccountSummary.class).state().getOverdraftLimit().getLimit())
                .isEqualByComparingTo("80.00");
    }

    @Test
    @DisplayName("re-checks a withdrawal when another withdrawal got in between its check and its append")
    void withdrawalRechecksAfterConflict() {
        EventStream account = bank.open("A-1", "100.00", "0");
        InterleavingStream racing = new InterleavingStream(account, new MoneyWithdrawn(new BigDecimal("70.00")));

        assertThatThrownBy(() -> teller.withdraw(racing, new BigDecimal("50.00"), InMemoryBank.CONTEXT))
                .as("the first check saw 100.00, but 70.00 left before the append: only 30.00 remain")
                .isInstanceOf(InsufficientFundsException.class);

        assertThat(racing.appendAttempts()).isEqualTo(1);
        assertThat(balanceOf(account)).isEqualByComparingTo("30.00");
    }

    @Test
    @DisplayName("retries a withdrawal that still fits after a competing deposit, and appends it once")
    void withdrawalRetriesAfterConflict() {
        EventStream account = bank.open("A-1", "100.00", "0");
        InterleavingStream racing = new InterleavingStream(account, new MoneyDeposited(new BigDecimal("1.00")),
                new MoneyDeposited(new BigDecimal("2.00")));

        Teller.Withdrawal withdrawal = teller.withdraw(racing, new BigDecimal("100.00"), InMemoryBank.CONTEXT);

        assertThat(racing.appendAttempts()).isEqualTo(3);
        assertThat(withdrawal.balance()).isEqualByComparingTo("3.00");
        assertThat(InMemoryBank.eventNames(account)).containsExactly("Account Opened", "Money Deposited",
                "Money Deposited", "Money Deposited", "Money Withdrawn");
    }

    @Test
    @DisplayName("never overdraws an account under many concurrent withdrawals")
    void concurrentWithdrawalsNeverOverdraw() throws Exception {
        EventStream account = bank.open("A-1", "100.00", "20.00");
        int clients = 16;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                outcomes.add(pool.submit(() -> {
                    try {
                        teller.withdraw(account, new BigDecimal("10.00"), InMemoryBank.CONTEXT);
                        return "withdrawn";
                    } catch (InsufficientFundsException e) {
                        return "refused";
                    } catch (AccountBusyException e) {
                        return "busy";
                    }
                }));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get());
            }
            long withdrawn = results.stream().filter("withdrawn"::equals).count();
            long refused = results.stream().filter("refused"::equals).count();

            assertThat(withdrawn).as("120.00 of funds cover at most 12 withdrawals of 10.00").isLessThanOrEqualTo(12);
            if (refused > 0) {
                assertThat(withdrawn).as("a refusal means the funds were really gone").isEqualTo(12);
            }
            assertThat(balanceOf(account)).isEqualByComparingTo(new BigDecimal("100.00")
                    .subtract(BigDecimal.TEN.multiply(BigDecimal.valueOf(withdrawn))));
            assertThat(InMemoryBank.eventNames(account).stream().filter("Money Withdrawn"::equals).count())
                    .isEqualTo(withdrawn);
        } finally {
            pool.shutdownNow();
        }
    }

    private BigDecimal balanceOf(EventStream account) {
        return bank.projections.project(account.id(), Balance.class).state().getAmount();
    }
}
