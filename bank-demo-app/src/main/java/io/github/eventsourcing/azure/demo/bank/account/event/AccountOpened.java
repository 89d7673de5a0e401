package io.github.eventsourcing.azure.demo.bank.account.event;

import io.github.eventsourcing.azure.stream.EventName;

/** A new account was opened for a client. An opening deposit, if any, is a {@link MoneyDeposited} in the same append. */
@EventName("Account Opened")
public record AccountOpened(String clientName) {
}
