package io.github.eventsourcing.azure.demo.bank.account.event;

import io.github.eventsourcing.azure.stream.EventName;

import java.math.BigDecimal;

/** Money was taken out of the account, after checking it fitted the balance plus the overdraft limit. */
@EventName("Money Withdrawn")
public record MoneyWithdrawn(BigDecimal amount) {
}
