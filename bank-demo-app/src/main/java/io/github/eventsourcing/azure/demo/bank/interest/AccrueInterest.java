package io.github.eventsourcing.azure.demo.bank.interest;

import io.github.eventsourcing.azure.command.CommandHandler;
import io.github.eventsourcing.azure.command.CommandSteps;
import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.command.FanOutInstances;
import io.github.eventsourcing.azure.command.StepContext;
import io.github.eventsourcing.azure.demo.bank.account.AccountNotFoundException;
import io.github.eventsourcing.azure.demo.bank.account.Bank;
import io.github.eventsourcing.azure.demo.bank.account.InterestAlreadyAccruedException;
import io.github.eventsourcing.azure.demo.bank.account.InterestDesk;
import io.github.eventsourcing.azure.demo.bank.account.InterestRates;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;
import org.springframework.stereotype.Component;

/**
 * An interest run: one fan-out step, {@code accrue}, over every account. Each account's outcome is {@code accrued},
 * {@code skipped} (already accrued for the day, or closed meanwhile) or, after the retry pass, {@code failed}; each is
 * recorded once in the run's stream, so a run resumed after a crash (here or on another instance) accrues no account
 * twice. The accruals carry the run id as their correlation id.
 */
@Component
public class AccrueInterest implements CommandHandler<InterestRun> {

    public static final String NAME = "AccrueInterest";
    public static final CommandType TYPE = CommandType.of(Bank.DOMAIN, NAME);
    public static final String STEP = "accrue";

    static final String ACCRUED = "accrued";
    static final String SKIPPED = "skipped";

    private final InterestDesk interestDesk;

    public AccrueInterest(InterestDesk interestDesk) {
        this.interestDesk = interestDesk;
    }

    @Override
    public CommandType type() {
        return TYPE;
    }

    @Override
    public Class<InterestRun> parametersType() {
        return InterestRun.class;
    }

    @Override
    public void declareSteps(CommandSteps<InterestRun> steps) {
        steps.forEachInstance(STEP, FanOutInstances.everyInstanceOf(Bank.ACCOUNTS), this::accrue);
    }

    private String accrue(StepContext<InterestRun> step, StreamId account) {
        InterestRun run = step.parameters();
        InterestRates rates = new InterestRates(run.creditRate(), run.debitRate());
        WriteContext commented = WriteContext.EMPTY.withCommentary("Daily interest accrual");
        try {
            step.effectOn(account, target -> {
                AppendResult[] written = new AppendResult[1];
                interestDesk.accrue(account, run.day(), rates, (event, options) ->
                        written[0] = target.append(event, options.withContext(commented)));
                return written[0];
            });
            return ACCRUED; // also when an earlier run of this step wrote it and crashed before recording it
        } catch (InterestAlreadyAccruedException | AccountNotFoundException alreadyDoneOrClosed) {
            return SKIPPED;
        }
    }
}
