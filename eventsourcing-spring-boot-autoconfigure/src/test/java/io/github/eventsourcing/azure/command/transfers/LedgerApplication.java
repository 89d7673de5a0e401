package io.github.eventsourcing.azure.command.transfers;

import io.github.eventsourcing.azure.command.CommandFailure;
import io.github.eventsourcing.azure.command.CommandHandler;
import io.github.eventsourcing.azure.command.CommandSteps;
import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.command.StepContext;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.StreamId;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small ledger with a two-step transfer command (debit with a refund, then credit), and the switches the scenarios
 * use to make a step wait, fail or "crash" at a chosen moment.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class LedgerApplication {

    public static final CommandType TRANSFER = CommandType.of("Ledger", "Transfer");

    public static StreamId account(String key) {
        return StreamId.of("Ledger", "Account", key);
    }

    @Bean
    Switches switches() {
        return new Switches();
    }

    @Bean
    TransferHandler transferHandler(Projections projections, Switches switches) {
        return new TransferHandler(projections, switches);
    }

    @EventName("Credited")
    public record Credited(long amount) {
    }

    @EventName("Debited")
    public record Debited(long amount) {
    }

    public record Transfer(String from, String to, long amount) {
    }

    public static class Funds {
        private long balance;

        @EventHandler
        public void on(Credited credited) {
            balance += credited.amount();
        }

        @EventHandler
        public void on(Debited debited) {
            balance -= debited.amount();
        }

        public long getBalance() {
            return balance;
        }
    }

    /** What the next runs of the steps should do besides their work. */
    public static class Switches {
        /** Opened by the test; the credit step waits for it after writing its effect. */
        public volatile CountDownLatch creditMayComplete = new CountDownLatch(0);
        /** Counted down when the credit step has written its effect. */
        public volatile CountDownLatch creditWritten = new CountDownLatch(1);
        /** Opened by the test; the credit step waits for it before anything else. */
        public volatile CountDownLatch creditMayStart = new CountDownLatch(0);
        /** Counted down when the credit step starts. */
        public final CountDownLatch creditStarted = new CountDownLatch(1);
        /** The debit step "crashes" (throws an Error, as a killed process stops) this many times after its write. */
        public final AtomicInteger debitCrashes = new AtomicInteger();
        /** The credit step fails with an error this many times before its write. */
        public final AtomicInteger creditErrors = new AtomicInteger();
        /** How many times the debit step's decision (the funds check) ran. */
        public final AtomicInteger debitChecks = new AtomicInteger();
    }

    /** Stands in for a process killed mid-step: nothing after it runs, nothing catches it as a step's failure. */
    public static class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    public static class TransferHandler implements CommandHandler<Transfer> {

        private final Projections projections;
        private final Switches switches;

        public TransferHandler(Projections projections, Switches switches) {
            this.projections = projections;
            this.switches = switches;
        }

        @Override
        public CommandType type() {
            return TRANSFER;
        }

        @Override
        public Class<Transfer> parametersType() {
            return Transfer.class;
        }

        @Override
        public void declareSteps(CommandSteps<Transfer> steps) {
            steps.step("debit", this::debit).compensatedBy("refund", this::refund);
            steps.step("credit", this::credit);
        }

        private void debit(StepContext<Transfer> step) {
            Transfer transfer = step.parameters();
            step.effectOn(account(transfer.from()), target -> {
                switches.debitChecks.incrementAndGet();
                ProjectionResult<Funds> funds = projections.project(target.stream().id(), Funds.class);
                if (funds.state().getBalance() < transfer.amount()) {
                    throw new CommandFailure("insufficient-funds", "The balance is " + funds.state().getBalance());
                }
                return target.append(new Debited(transfer.amount()), funds.asOfSequence());
            });
            if (switches.debitCrashes.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new SimulatedCrash();
            }
        }

        private void refund(StepContext<Transfer> step) {
            Transfer transfer = step.parameters();
            step.effectOn(account(transfer.from()), target -> target.append(new Credited(transfer.amount()),
                    AppendOptions.mustExist()));
        }

        private void credit(StepContext<Transfer> step) throws InterruptedException {
            switches.creditStarted.countDown();
            if (!switches.creditMayStart.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the credit start");
            }
            if (switches.creditErrors.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("storage hiccup");
            }
            Transfer transfer = step.parameters();
            step.effectOn(account(transfer.to()), target -> {
                if (!target.stream().exists()) {
                    throw new CommandFailure("account-not-found", "No account " + transfer.to());
                }
                return target.append(new Credited(transfer.amount()), AppendOptions.mustExist());
            });
            switches.creditWritten.countDown();
            if (!switches.creditMayComplete.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the credit complete");
            }
        }
    }
}
