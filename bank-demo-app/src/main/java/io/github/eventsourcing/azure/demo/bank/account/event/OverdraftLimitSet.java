package io.github.eventsourcing.azure.demo.bank.account.event;

import io.github.eventsourcing.azure.stream.EventName;

import java.math.BigDecimal;

/** How far below zero the balance may go from now on (a non-negative amount). */
@EventName("Overdraft Limit Set")
public record OverdraftLimitSet(BigDecimal limit) {
}
