package io.github.eventsourcing.azure.demo.bank.account.event;

import io.github.eventsourcing.azure.stream.EventName;

import java.math.BigDecimal;

/** Money was paid into the account. Where it came from and why is in the write context (source, commentary). */
@EventName("Money Deposited")
public record MoneyDeposited(BigDecimal amount) {
}
