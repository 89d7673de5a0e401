package io.github.eventsourcing.azure.demo.bank.interest;

import io.github.eventsourcing.azure.demo.bank.BankProperties;
import io.github.eventsourcing.azure.demo.bank.account.AccountNotFoundException;
import io.github.eventsourcing.azure.demo.bank.account.Bank;
import io.github.eventsourcing.azure.demo.bank.account.InterestAlreadyAccruedException;
import io.github.eventsourcing.azure.demo.bank.account.InterestDesk;
import io.github.eventsourcing.azure.demo.bank.account.InterestRates;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.WriteContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Accrues the day's interest on every account: each night on a schedule, or on demand. Accounts already accrued today
 * are skipped, so running it again (after a crash, or by hand) never accrues twice. One account's failure does not
 * stop the others.
 */
@Component
public class NightlyInterestJob {

    private static final Logger log = LoggerFactory.getLogger(NightlyInterestJob.class);

    private final EventStreams streams;
    private final InterestDesk interestDesk;
    private final InterestRates rates;

    public NightlyInterestJob(EventStreams streams, InterestDesk interestDesk, BankProperties properties) {
        this.streams = streams;
        this.interestDesk = interestDesk;
        this.rates = new InterestRates(properties.interest().creditRate(), properties.interest().debitRate());
    }

    @Scheduled(cron = "${bank.interest.nightly-cron:0 5 0 * * *}", zone = "UTC")
    public void runNightly() {
        Outcome outcome = accrueAll(WriteContext.empty().withWho("nightly interest job").withSource("scheduler"));
        log.info("Nightly interest accrual for {}: {}", interestDesk.today(), outcome);
    }

    /** Accrues today's interest on every account, with the given write context on each accrual. */
    public Outcome accrueAll(WriteContext context) {
        WriteContext withCommentary = context.commentary() != null ? context
                : context.withCommentary("Daily interest accrual");
        AtomicInteger accrued = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        streams.forEachInstanceKey(Bank.ACCOUNTS, accountNumber -> {
            try {
                interestDesk.accrue(streams.stream(Bank.account(accountNumber)), rates, withCommentary);
                accrued.incrementAndGet();
            } catch (InterestAlreadyAccruedException | AccountNotFoundException alreadyDoneOrClosed) {
                skipped.incrementAndGet();
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                log.warn("Could not accrue interest on account {}", accountNumber, e);
            }
        });
        return new Outcome(accrued.get(), skipped.get(), failed.get());
    }

    /**
     * What a run did.
     *
     * @param accrued accounts whose interest was accrued
     * @param skipped accounts already accrued today (or closed meanwhile)
     * @param failed  accounts that could not be accrued (logged; the next run retries them)
     */
    public record Outcome(int accrued, int skipped, int failed) {
    }
}
