package io.github.eventsourcing.azure.command.fanout;

import io.github.eventsourcing.azure.command.CommandHandler;
import io.github.eventsourcing.azure.command.CommandPausePoints;
import io.github.eventsourcing.azure.command.CommandSteps;
import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.command.Effect;
import io.github.eventsourcing.azure.command.FanOutInstances;
import io.github.eventsourcing.azure.command.StepContext;
import io.github.eventsourcing.azure.projection.ClassificationParameter;
import io.github.eventsourcing.azure.projection.Classified;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.StreamId;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Savings accounts with two fan-out commands: {@code AddInterest} over every account, {@code AddBonus} over the
 * accounts the {@link Large} classification includes; and the switches the scenarios use to slow instances down,
 * make them fail, or "crash" the run after it recorded some outcomes.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class SavingsApplication {

    public static final StreamId.StreamType ACCOUNTS = new StreamId.StreamType("Savings", "Account");
    public static final CommandType ADD_INTEREST = CommandType.of("Savings", "AddInterest");
    public static final CommandType ADD_BONUS = CommandType.of("Savings", "AddBonus");
    public static final CommandType REVIEW_ABOVE = CommandType.of("Savings", "ReviewAbove");

    @Bean
    Switches switches() {
        return new Switches();
    }

    @Bean
    Interest interest(Projections projections, Switches switches) {
        return new Interest(projections, switches);
    }

    @Bean
    AddingInterest addInterest(Interest interest) {
        return new AddingInterest(ADD_INTEREST, "accrue", FanOutInstances.everyInstanceOf(ACCOUNTS), interest);
    }

    @Bean
    AddingInterest addBonus(Interest interest) {
        return new AddingInterest(ADD_BONUS, "bonus", FanOutInstances.includedBy(ACCOUNTS, Large.class,
                Map.of("minimum", 1000)), interest);
    }

    @Bean
    CommandHandler<Threshold> reviewAbove() {
        return new CommandHandler<>() {
            @Override
            public CommandType type() {
                return REVIEW_ABOVE;
            }

            @Override
            public Class<Threshold> parametersType() {
                return Threshold.class;
            }

            @Override
            public void declareSteps(CommandSteps<Threshold> steps) {
                steps.forEachInstance("review", threshold -> FanOutInstances.includedBy(ACCOUNTS, Large.class,
                        Map.of("minimum", threshold.minimum())), (step, account) -> "reviewed");
            }
        };
    }

    /** Crashes the run (as a killed process stops) before it records a batch of outcomes whose effects are written. */
    @Bean
    CommandPausePoints pausePoints(Switches switches) {
        return (point, commandId) -> {
            if (point.equals("before-outcomes-of-accrue")
                    && switches.batchesBeforeCrash.getAndDecrement() == 0) {
                throw new SimulatedCrash();
            }
        };
    }

    @EventName("Opened")
    public record Opened(long balance) {
    }

    @EventName("Interest Added")
    public record InterestAdded(String day, long amount) {
    }

    public record Run(String day) {
    }

    /** The accounts of a review: those opened with at least the minimum. */
    public record Threshold(long minimum) {
    }

    /** The balance, and the days interest was added for. */
    public static class Savings {
        private long balance;
        private final Set<String> days = new HashSet<>();

        @EventHandler
        public void on(Opened opened) {
            balance = opened.balance();
        }

        @EventHandler
        public void on(InterestAdded added) {
            balance += added.amount();
            days.add(added.day());
        }

        public long getBalance() {
            return balance;
        }

        public Set<String> getDays() {
            return days;
        }
    }

    /** Accounts opened with at least {@code minimum}. */
    public static class Large {
        @ClassificationParameter("minimum")
        private long minimum;

        @EventHandler
        public Classified on(Opened opened) {
            return opened.balance() >= minimum ? Classified.INCLUDE : Classified.EXCLUDE;
        }
    }

    /** What the next instances should do besides their work, and what they saw. */
    public static class Switches {
        /** Each instance waits this long before its work, so that instances overlap. */
        public volatile long delayMillis;
        /** Errors to throw, by account key, before the effect; counted down. */
        public final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        /** How many batches of outcomes are recorded before the run crashes (negative: it never does). */
        public final AtomicInteger batchesBeforeCrash = new AtomicInteger(-1);
        /** Instances at work right now, and the most there ever were. */
        public final AtomicInteger inFlight = new AtomicInteger();
        public final AtomicInteger mostInFlight = new AtomicInteger();
        /** Effects found written by an earlier run (the writer was not called). */
        public final AtomicInteger foundWritten = new AtomicInteger();
    }

    /** Stands in for a process killed mid-step: nothing after it runs, nothing catches it as a step's failure. */
    public static class SimulatedCrash extends Error {
        public SimulatedCrash() {
            super("simulated crash");
        }
    }

    static class AlreadyAdded extends RuntimeException {
    }

    /** Adds a day's interest (1 % of the balance) to one account, once per day. */
    static class Interest {
        private final Projections projections;
        private final Switches switches;

        Interest(Projections projections, Switches switches) {
            this.projections = projections;
            this.switches = switches;
        }

        String add(StepContext<Run> step, StreamId account) throws InterruptedException {
            switches.mostInFlight.accumulateAndGet(switches.inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(switches.delayMillis);
                AtomicInteger errors = switches.errors.get(account.instanceKey());
                if (errors != null && errors.getAndDecrement() > 0) {
                    throw new IllegalStateException("storage hiccup on " + account.instanceKey());
                }
                String day = step.parameters().day();
                Effect effect;
                try {
                    effect = step.effectOn(account, target -> {
                        ProjectionResult<Savings> savings = projections.project(account, Savings.class);
                        if (savings.state().getDays().contains(day)) {
                            throw new AlreadyAdded();
                        }
                        return target.append(new InterestAdded(day, savings.state().getBalance() / 100),
                                savings.asOfSequence());
                    });
                } catch (AlreadyAdded e) {
                    return "skipped";
                }
                if (effect.alreadyStored()) {
                    switches.foundWritten.incrementAndGet();
                }
                return "added";
            } finally {
                switches.inFlight.decrementAndGet();
            }
        }
    }

    /** A command with one fan-out step that adds interest to each of the instances. */
    static class AddingInterest implements CommandHandler<Run> {
        private final CommandType type;
        private final String step;
        private final FanOutInstances instances;
        private final Interest interest;

        AddingInterest(CommandType type, String step, FanOutInstances instances, Interest interest) {
            this.type = type;
            this.step = step;
            this.instances = instances;
            this.interest = interest;
        }

        @Override
        public CommandType type() {
            return type;
        }

        @Override
        public Class<Run> parametersType() {
            return Run.class;
        }

        @Override
        public void declareSteps(CommandSteps<Run> steps) {
            steps.forEachInstance(step, instances, interest::add);
        }
    }
}
