package io.github.eventsourcing.azure.starter;

import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.starter.AccountEvents.MoneyDeposited;

import java.math.BigDecimal;

/** The balance of an account: the sum of its deposits. */
class BalanceProjection {

    BigDecimal balance = BigDecimal.ZERO;

    @EventHandler
    void on(MoneyDeposited deposited) {
        balance = balance.add(deposited.amount());
    }
}
