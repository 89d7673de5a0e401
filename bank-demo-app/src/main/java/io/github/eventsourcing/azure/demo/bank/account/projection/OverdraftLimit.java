package io.github.eventsourcing.azure.demo.bank.account.projection;

import io.github.eventsourcing.azure.demo.bank.account.Money;
import io.github.eventsourcing.azure.demo.bank.account.event.OverdraftLimitSet;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionName;

import java.math.BigDecimal;

/** How far below zero the balance may go: 0 until a limit is set, then the latest one. */
@ProjectionName("Overdraft Limit")
public class OverdraftLimit {

    private BigDecimal limit = Money.ZERO;

    @EventHandler
    public void on(OverdraftLimitSet set) {
        limit = set.limit();
    }

    public BigDecimal getLimit() {
        return limit;
    }
}
