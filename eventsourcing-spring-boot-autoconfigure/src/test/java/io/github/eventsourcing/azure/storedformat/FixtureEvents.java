package io.github.eventsourcing.azure.storedformat;

import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionName;
import io.github.eventsourcing.azure.projection.Snapshots;
import io.github.eventsourcing.azure.stream.EventName;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event types and the projection of the stored-format fixtures. Their names, fields and the projection's
 * version are part of every committed fixture: change them only together with new fixtures.
 */
final class FixtureEvents {

    private FixtureEvents() {
    }

    @EventName("Account Opened")
    record AccountOpened(String owner) {
    }

    @EventName("Money Deposited")
    record MoneyDeposited(long cents) {
    }

    /** Counts the events its handlers saw, so a test can tell that a fold started from the stored snapshot. */
    static final AtomicInteger HANDLED = new AtomicInteger();

    /** The balance of an account; an explicit version keeps its snapshot key stable whatever its bytecode. */
    @ProjectionName(value = "Balance", version = 1)
    @Snapshots(every = 3)
    static class Balance {
        public String owner;
        public long cents;

        @EventHandler
        void on(AccountOpened event) {
            HANDLED.incrementAndGet();
            owner = event.owner();
        }

        @EventHandler
        void on(MoneyDeposited event) {
            HANDLED.incrementAndGet();
            cents += event.cents();
        }
    }
}
