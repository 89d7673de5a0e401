package io.github.eventsourcing.azure.demo.bank.interest;

import io.github.eventsourcing.azure.command.CommandInstance;
import io.github.eventsourcing.azure.command.Commands;
import io.github.eventsourcing.azure.demo.bank.BankProperties;
import io.github.eventsourcing.azure.demo.bank.account.InterestDesk;
import io.github.eventsourcing.azure.stream.WriteContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Starts interest runs ({@link AccrueInterest} commands): each night on a schedule, or on demand. The nightly run's id
 * is derived from the UTC date ({@code nightly-2031-05-01}), so every instance of the application starts the same
 * run and it runs once; a run on demand always starts a new one. Accounts already accrued for the day are skipped
 * either way.
 */
@Component
public class NightlyInterestJob {

    private static final Logger log = LoggerFactory.getLogger(NightlyInterestJob.class);

    private final Commands commands;
    private final InterestDesk interestDesk;
    private final BankProperties.Interest settings;

    public NightlyInterestJob(Commands commands, InterestDesk interestDesk, BankProperties properties) {
        this.commands = commands;
        this.interestDesk = interestDesk;
        this.settings = properties.interest();
    }

    @Scheduled(cron = "${bank.interest.nightly-cron:0 5 0 * * *}", zone = "UTC")
    public void runNightly() {
        CommandInstance run = startNightly();
        log.info("Nightly interest run {} started (or already there) for {}", run.id(), interestDesk.today());
    }

    /** Starts today's nightly run, or answers it when an instance (this or another) already started it. */
    public CommandInstance startNightly() {
        LocalDate day = interestDesk.today();
        return commands.start(AccrueInterest.TYPE, nightlyRunId(day), run(day),
                WriteContext.empty().withWho("nightly interest job").withSource("scheduler"));
    }

    /** Starts a new run for today. */
    public CommandInstance startNow(WriteContext context) {
        return commands.start(AccrueInterest.TYPE, "run-" + UUID.randomUUID(), run(interestDesk.today()), context);
    }

    static String nightlyRunId(LocalDate day) {
        return "nightly-" + day;
    }

    private InterestRun run(LocalDate day) {
        return new InterestRun(day, settings.creditRate(), settings.debitRate());
    }
}
