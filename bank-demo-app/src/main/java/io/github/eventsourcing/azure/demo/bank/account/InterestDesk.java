package io.github.eventsourcing.azure.demo.bank.account;

import io.github.eventsourcing.azure.demo.bank.account.event.InterestAccrued;
import io.github.eventsourcing.azure.demo.bank.account.event.InterestPaid;
import io.github.eventsourcing.azure.demo.bank.account.projection.Balance;
import io.github.eventsourcing.azure.demo.bank.account.projection.InterestAccruedToday;
import io.github.eventsourcing.azure.demo.bank.account.projection.InterestDue;
import io.github.eventsourcing.azure.demo.bank.account.projection.OverdraftLimit;
import io.github.eventsourcing.azure.projection.ClassificationResult;
import io.github.eventsourcing.azure.projection.ProjectionOptions;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Accrues interest once per business day and pays what has accrued. "Today" is the UTC date of the injected
 * {@link Clock}, so a test (or a replay) can choose the day.
 */
@Service
public class InterestDesk {

    private final Projections projections;
    private final Clock clock;

    public InterestDesk(Projections projections, Clock clock) {
        this.projections = projections;
        this.clock = clock;
    }

    /** The business day interest is accrued for now. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /**
     * Accrues today's interest on the current balance: balance x credit rate when it is positive, balance x debit rate
     * (a negative amount) when it is overdrawn, to 6 decimals. The "already accrued today" check and the balance are
     * read as of one event and the accrual is appended expecting that version, so two concurrent accruals cannot both
     * pass the check.
     *
     * @throws InterestAlreadyAccruedException interest was already accrued today
     * @throws AccountNotFoundException        the account does not exist
     */
    public Accrual accrue(EventStream account, InterestRates rates, WriteContext context) {
        return accrue(account.id(), today(), rates, (event, options) -> account.append(event,
                options.withContext(context)));
    }

    /**
     * Accrues a given day's interest, appending through {@code append} (a command's effect, say); otherwise as
     * {@link #accrue(EventStream, InterestRates, WriteContext)}.
     */
    public Accrual accrue(StreamId id, LocalDate day, InterestRates rates, Teller.Append append) {
        return ConflictRetry.decide(id, () -> {
            ClassificationResult<InterestAccruedToday> accruedToday = projections.classify(id,
                    InterestAccruedToday.class, Map.of(InterestAccruedToday.TODAY, day));
            if (!accruedToday.exists()) {
                throw new AccountNotFoundException(id.instanceKey());
            }
            if (accruedToday.included()) {
                throw new InterestAlreadyAccruedException(id.instanceKey(), day);
            }
            long version = accruedToday.asOfSequence();
            BigDecimal balance = projections.project(id, Balance.class, ProjectionOptions.asOf(version)).state()
                    .getAmount();
            BigDecimal rate = rates.rateFor(balance);
            BigDecimal interest = Money.interest(balance, rate);
            AppendResult written = append.append(new InterestAccrued(interest, rate, day),
                    AppendOptions.expectingVersion(version));
            return new Accrual(interest, day, written.lastSequence());
        });
    }

    /**
     * Pays the interest due, rounded half-even to cents, into the balance; the sub-cent remainder stays due. Interest
     * the client owes is charged and must fit within the overdraft limit. With nothing payable, nothing is written.
     *
     * @throws InsufficientFundsException the charge would take the balance below the overdraft limit
     * @throws AccountNotFoundException   the account does not exist
     */
    public Payment pay(EventStream account, WriteContext context) {
        StreamId id = account.id();
        return ConflictRetry.decide(id, () -> {
            ProjectionResult<InterestDue> due = projections.project(id, InterestDue.class);
            if (!due.exists()) {
                throw new AccountNotFoundException(id.instanceKey());
            }
            long version = due.asOfSequence();
            ProjectionOptions sameEvent = ProjectionOptions.asOf(version);
            Balance balance = projections.project(id, Balance.class, sameEvent).state();
            BigDecimal payable = due.state().payable();
            if (payable.signum() == 0) {
                return new Payment(payable, balance.getAmount(), version);
            }
            if (payable.signum() < 0) {
                OverdraftLimit limit = projections.project(id, OverdraftLimit.class, sameEvent).state();
                if (!balance.covers(payable.negate(), limit)) {
                    throw new InsufficientFundsException("Cannot charge interest of " + payable.negate()
                            + ": the balance is " + balance.getAmount() + " and the overdraft limit is "
                            + limit.getLimit() + ".");
                }
            }
            AppendResult written = account.append(new InterestPaid(payable),
                    AppendOptions.expectingVersion(version).withContext(context));
            return new Payment(payable, balance.getAmount().add(payable), written.lastSequence());
        });
    }

    /**
     * Interest accrued.
     *
     * @param amount         the interest, to 6 decimals (negative when charged)
     * @param accruedOn      the business day it was accrued for
     * @param sequenceNumber the sequence number of its event
     */
    public record Accrual(BigDecimal amount, LocalDate accruedOn, long sequenceNumber) {
    }

    /**
     * Interest paid (or charged, when negative).
     *
     * @param amount         what was paid, in cents; zero when nothing was payable (and nothing was written)
     * @param balance        the balance after the payment
     * @param sequenceNumber the account's version after the payment
     */
    public record Payment(BigDecimal amount, BigDecimal balance, long sequenceNumber) {
    }
}
