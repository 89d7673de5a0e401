package io.github.eventsourcing.azure.demo.bank.account.projection;

import io.github.eventsourcing.azure.demo.bank.account.event.AccountOpened;
import io.github.eventsourcing.azure.demo.bank.account.event.InterestPaid;
import io.github.eventsourcing.azure.demo.bank.account.event.MoneyDeposited;
import io.github.eventsourcing.azure.demo.bank.account.event.MoneyWithdrawn;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionName;
import io.github.eventsourcing.azure.stream.RecordedEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The balance after every event that moved it, with when that event was written: the data of the balance chart.
 * It lets the {@link Balance} projection do the arithmetic and only records the points.
 */
@ProjectionName("Balance History")
public class BalanceHistory {

    private final Balance balance = new Balance();
    private final List<Point> points = new ArrayList<>();

    @EventHandler
    public void on(AccountOpened opened, RecordedEvent event) {
        record(event);
    }

    @EventHandler
    public void on(MoneyDeposited deposited, RecordedEvent event) {
        balance.on(deposited);
        record(event);
    }

    @EventHandler
    public void on(MoneyWithdrawn withdrawn, RecordedEvent event) {
        balance.on(withdrawn);
        record(event);
    }

    @EventHandler
    public void on(InterestPaid paid, RecordedEvent event) {
        balance.on(paid);
        record(event);
    }

    private void record(RecordedEvent event) {
        points.add(new Point(event.sequence(), event.writtenAt(), balance.getAmount()));
    }

    public List<Point> getPoints() {
        return points;
    }

    /** The balance right after the event at {@code sequenceNumber}, written at {@code writtenAt}. */
    public record Point(long sequenceNumber, Instant writtenAt, BigDecimal balance) {
    }
}
