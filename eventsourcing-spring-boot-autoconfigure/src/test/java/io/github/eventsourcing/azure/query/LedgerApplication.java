package io.github.eventsourcing.azure.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventsourcing.azure.command.CommandPausePoints;
import io.github.eventsourcing.azure.command.FanOutInstances;
import io.github.eventsourcing.azure.command.fanout.SavingsApplication.SimulatedCrash;
import io.github.eventsourcing.azure.projection.ClassificationParameter;
import io.github.eventsourcing.azure.projection.Classified;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.StreamId;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ledger accounts with two queries: {@code Richest} (the account with the highest balance, a tie going to the lowest
 * key) and {@code LargeAccounts} (the accounts a classification includes); and a switch that "crashes" a query after
 * it recorded some values.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class LedgerApplication {

    public static final StreamId.StreamType ACCOUNTS = new StreamId.StreamType("Ledger", "Account");
    public static final QueryType RICHEST = QueryType.of("Ledger", "Richest");
    public static final QueryType LARGE_ACCOUNTS = QueryType.of("Ledger", "LargeAccounts");
    public static final QueryType OPENED_WITHIN = QueryType.of("Ledger", "OpenedWithin");

    @Bean
    Switches switches() {
        return new Switches();
    }

    @Bean
    QueryHandler<Search, Richest> richest() {
        return new Handler<>(RICHEST, Richest.class, QueryRequest.projection(Balance.class), RichestCollation.class);
    }

    @Bean
    QueryHandler<Search, LargeAccountKeys> largeAccounts() {
        return new Handler<>(LARGE_ACCOUNTS, LargeAccountKeys.class,
                QueryRequest.classification(Large.class, Map.of("minimum", 1000)), LargeCollation.class);
    }

    @Bean
    QueryHandler<Range, LargeAccountKeys> openedWithin() {
        return new OpenedWithin();
    }

    /** Crashes the query (as a killed process stops) before it records a batch of values. */
    @Bean
    CommandPausePoints pausePoints(Switches switches) {
        return (point, queryId) -> {
            if (point.equals("before-outcomes-of-values") && switches.batchesBeforeCrash.getAndDecrement() == 0) {
                throw new SimulatedCrash();
            }
        };
    }

    public record Search(String label) {
    }

    /** Opening balances from {@code minimum} (included) to {@code maximum} (excluded). */
    public record Range(long minimum, long maximum) {
    }

    @EventName("Opened")
    public record Opened(long balance) {
    }

    @EventName("Deposited")
    public record Deposited(long amount) {
    }

    /** An event whose balance cannot be folded: the account's value is never returned. */
    @EventName("Garbled")
    public record Garbled() {
    }

    /** An account's balance. */
    public static class Balance {
        private long balance;

        @EventHandler
        public void on(Opened opened) {
            balance = opened.balance();
        }

        @EventHandler
        public void on(Deposited deposited) {
            balance += deposited.amount();
        }

        @EventHandler
        public void on(Garbled garbled) {
            throw new IllegalStateException("cannot fold a garbled event");
        }

        public long getBalance() {
            return balance;
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

    public record Richest(String accountNumber, long balance, long version) {
    }

    /** The highest balance; of equal balances, the lowest account key. */
    public static class RichestCollation extends QueryCollation<Richest> {
        private Richest best;

        @Override
        protected void collate(String target, long version, JsonNode value) {
            long balance = value.get("balance").asLong();
            if (best == null || balance > best.balance()
                    || balance == best.balance() && target.compareTo(best.accountNumber()) < 0) {
                best = new Richest(target, balance, version);
            }
        }

        @Override
        public Richest result() {
            return best;
        }
    }

    public record LargeAccountKeys(TreeSet<String> keys) {
    }

    public static class LargeCollation extends QueryCollation<LargeAccountKeys> {
        private final TreeSet<String> included = new TreeSet<>();

        @Override
        protected void collate(String target, long version, JsonNode value) {
            if (value.asBoolean()) {
                included.add(target);
            }
        }

        @Override
        public LargeAccountKeys result() {
            return new LargeAccountKeys(included);
        }
    }

    /** The targets a classification did not include. */
    public static class ExcludedCollation extends QueryCollation<LargeAccountKeys> {
        private final TreeSet<String> excluded = new TreeSet<>();

        @Override
        protected void collate(String target, long version, JsonNode value) {
            if (!value.asBoolean()) {
                excluded.add(target);
            }
        }

        @Override
        public LargeAccountKeys result() {
            return new LargeAccountKeys(excluded);
        }
    }

    /**
     * The accounts opened with a balance in a range, its targets and its request both chosen by the parameters: the
     * accounts opened with at least the minimum, asked whether they were opened with at least the maximum.
     */
    static final class OpenedWithin implements QueryHandler<Range, LargeAccountKeys> {

        @Override
        public QueryType type() {
            return OPENED_WITHIN;
        }

        @Override
        public Class<Range> parametersType() {
            return Range.class;
        }

        @Override
        public Class<LargeAccountKeys> resultType() {
            return LargeAccountKeys.class;
        }

        @Override
        public FanOutInstances targets(Range range) {
            return FanOutInstances.includedBy(ACCOUNTS, Large.class, Map.of("minimum", range.minimum()));
        }

        @Override
        public QueryRequest request(Range range) {
            return QueryRequest.classification(Large.class, Map.of("minimum", range.maximum()));
        }

        @Override
        public Class<ExcludedCollation> collation() {
            return ExcludedCollation.class;
        }
    }

    /** What the next queries should do besides their work. */
    public static class Switches {
        /** How many batches of values are recorded before the query crashes (negative: it never does). */
        public final AtomicInteger batchesBeforeCrash = new AtomicInteger(-1);
    }

    /** A query over every account, with the given request and collation. */
    record Handler<R>(QueryType type, Class<R> resultType, QueryRequest request,
                      Class<? extends QueryCollation<R>> collation) implements QueryHandler<Search, R> {

        @Override
        public Class<Search> parametersType() {
            return Search.class;
        }

        @Override
        public FanOutInstances targets() {
            return FanOutInstances.everyInstanceOf(ACCOUNTS);
        }
    }
}
