package io.github.eventsourcing.azure.demo.bank.account;

import io.github.eventsourcing.azure.demo.bank.BankProperties;
import io.github.eventsourcing.azure.demo.bank.MutableClock;
import io.github.eventsourcing.azure.demo.bank.account.event.InterestAccrued;
import io.github.eventsourcing.azure.demo.bank.interest.NightlyInterestJob;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.WriteContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The nightly interest job")
class NightlyInterestJobTest {

    private final InMemoryBank bank = new InMemoryBank();
    private final MutableClock clock = new MutableClock("2025-03-10T00:05:00Z");
    private final InterestDesk desk = new InterestDesk(bank.projections, clock);
    private final NightlyInterestJob job = new NightlyInterestJob(bank.streams, desk,
            new BankProperties(new BankProperties.Interest(new BigDecimal("0.0005"), new BigDecimal("0.001"), "-"),
                    BigDecimal.TEN, new BankProperties.Transfers(java.time.Duration.ZERO)));

    @Test
    @DisplayName("accrues every account at the configured rates, skips those already accrued today, and says so")
    void accruesEveryAccountOnce() {
        EventStream positive = bank.open("positive", "1000.00", "0");
        EventStream overdrawn = bank.open("overdrawn", "0", "200.00");
        bank.teller.withdraw(overdrawn, new BigDecimal("200.00"), InMemoryBank.CONTEXT);
        EventStream doneByHand = bank.open("done-by-hand", "10.00", "0");
        desk.accrue(doneByHand, new InterestRates(BigDecimal.ONE, BigDecimal.ONE), InMemoryBank.CONTEXT);

        NightlyInterestJob.Outcome outcome = job.accrueAll(WriteContext.empty().withWho("scheduler"));

        assertThat(outcome).isEqualTo(new NightlyInterestJob.Outcome(2, 1, 0));
        assertThat(lastAccrual(positive).amount()).isEqualByComparingTo("0.500000");
        assertThat(lastAccrual(overdrawn).amount()).isEqualByComparingTo("-0.200000");
        assertThat(lastAccrual(positive).accruedOn()).isEqualTo(LocalDate.parse("2025-03-10"));
        RecordedEvent written = positive.read().get((int) positive.version() - 1);
        assertThat(written.context().who()).isEqualTo("scheduler");
        assertThat(written.context().commentary()).isEqualTo("Daily interest accrual");

        assertThat(job.accrueAll(WriteContext.empty())).as("a second run the same day")
                .isEqualTo(new NightlyInterestJob.Outcome(0, 3, 0));

        clock.set("2025-03-11T00:05:00Z");
        assertThat(job.accrueAll(WriteContext.empty())).as("the next day")
                .isEqualTo(new NightlyInterestJob.Outcome(3, 0, 0));
    }

    private static InterestAccrued lastAccrual(EventStream account) {
        List<InterestAccrued> accruals = account.read().stream().map(RecordedEvent::payload)
                .filter(InterestAccrued.class::isInstance).map(InterestAccrued.class::cast).toList();
        return accruals.get(accruals.size() - 1);
    }
}
