package io.github.eventsourcing.azure.demo.bank.account.projection;

import io.github.eventsourcing.azure.demo.bank.account.event.InterestAccrued;
import io.github.eventsourcing.azure.projection.ClassificationParameter;
import io.github.eventsourcing.azure.projection.Classified;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionName;

import java.time.LocalDate;

/**
 * Accounts whose interest has already been accrued for the business day given as the {@code today} parameter: the
 * guard that makes accrual happen at most once a day, however often the nightly job or a user asks.
 */
@ProjectionName("Interest Accrued Today")
public class InterestAccruedToday {

    public static final String TODAY = "today";

    @ClassificationParameter(TODAY)
    private LocalDate today;

    @EventHandler
    public Classified on(InterestAccrued accrued) {
        return accrued.accruedOn().equals(today) ? Classified.INCLUDE : Classified.EXCLUDE;
    }

    public LocalDate getToday() {
        return today;
    }
}
