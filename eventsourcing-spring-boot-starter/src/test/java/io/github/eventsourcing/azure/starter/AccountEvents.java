package io.github.eventsourcing.azure.starter;

import io.github.eventsourcing.azure.stream.EventName;

import java.math.BigDecimal;

/** The events of a bank account, stored under their business names. */
final class AccountEvents {

    private AccountEvents() {
    }

    @EventName("Money Deposited")
    record MoneyDeposited(BigDecimal amount) {
    }
}
