package io.github.eventsourcing.azure.autoconfigure.clash;

import io.github.eventsourcing.azure.stream.EventName;

/** Two event classes that claim one business name: the application must not start with them. */
public final class ClashingEvents {

    private ClashingEvents() {
    }

    @EventName("Money Deposited")
    public record MoneyDeposited(long cents) {
    }

    @EventName("Money Deposited")
    public record MoneyPaidIn(long cents) {
    }
}
