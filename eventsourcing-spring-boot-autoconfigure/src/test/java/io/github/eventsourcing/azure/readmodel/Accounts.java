package io.github.eventsourcing.azure.readmodel;

import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionName;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamId.StreamType;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

import java.math.BigDecimal;
import java.time.Instant;

/** An application with accounts (its package holds the event types); {@link Balances} declares their read model. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class Accounts {

    static final StreamType ACCOUNT = new StreamType("Bank", "Account");

    /** Events with this note make {@link Balance} throw while {@link #failOnPoison} is set. */
    static final String POISON = "poison";
    static volatile boolean failOnPoison;

    @EventName("Account Opened")
    public record Opened(String owner) {
    }

    @EventName("Money Moved")
    public record Moved(BigDecimal amount, String note) {
    }

    @ProjectionName("Balance")
    public static class Balance {
        String owner;
        BigDecimal balance = BigDecimal.ZERO;
        long moves;
        Instant lastMoveAt;

        @EventHandler
        void on(Opened opened) {
            owner = opened.owner();
        }

        @EventHandler
        void on(Moved moved, RecordedEvent event) {
            if (failOnPoison && POISON.equals(moved.note())) {
                throw new IllegalStateException("poisoned move");
            }
            balance = balance.add(moved.amount());
            moves++;
            lastMoveAt = event.writtenAt();
        }

        public String owner() {
            return owner;
        }

        public BigDecimal balance() {
            return balance;
        }

        public long moves() {
            return moves;
        }

        public Instant lastMoveAt() {
            return lastMoveAt;
        }

        public boolean overdrawn() {
            return balance.signum() < 0;
        }
    }
}
