package io.github.eventsourcing.azure.projection.internal;

import io.github.eventsourcing.azure.memory.internal.InMemoryEventStore;
import io.github.eventsourcing.azure.projection.ClassificationParameter;
import io.github.eventsourcing.azure.projection.ClassificationResult;
import io.github.eventsourcing.azure.projection.Classified;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionName;
import io.github.eventsourcing.azure.projection.Snapshots;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.stream.internal.DefaultEventStreams;
import io.github.eventsourcing.azure.stream.internal.EventSerializer;
import io.github.eventsourcing.azure.stream.internal.EventTypeRegistry;
import io.github.eventsourcing.azure.stream.internal.StorageObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.convert.support.DefaultConversionService;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A classification's verdict depends on its parameters, so a snapshot folded with one set of parameter values must
 * never seed a fold with another, while folds with equal values keep sharing theirs.
 */
class SnapshotParametersTest {

    @EventName("Deposit Made")
    record Deposited(BigDecimal amount) {
    }

    /** Counts the events the classification's handler saw, so tests can tell whether a snapshot was used. */
    static final AtomicInteger HANDLED = new AtomicInteger();

    @ProjectionName("Balance Below")
    @Snapshots(every = 50)
    static class BalanceBelow {
        @ClassificationParameter("threshold")
        BigDecimal threshold;
        BigDecimal balance = BigDecimal.ZERO;

        @EventHandler
        Classified on(Deposited event) {
            HANDLED.incrementAndGet();
            balance = balance.add(event.amount());
            return balance.compareTo(threshold) < 0 ? Classified.INCLUDE : Classified.EXCLUDE;
        }
    }

    @ProjectionName("Balance Below")
    @Snapshots(every = 50)
    static class BalanceBelowOptionally {
        @ClassificationParameter(value = "threshold", required = false)
        BigDecimal threshold = BigDecimal.TEN;
        BigDecimal balance = BigDecimal.ZERO;

        @EventHandler
        Classified on(Deposited event) {
            balance = balance.add(event.amount());
            return balance.compareTo(threshold) < 0 ? Classified.INCLUDE : Classified.EXCLUDE;
        }
    }

    private static final StreamId.StreamType ACCOUNTS = new StreamId.StreamType("Bank", "Account");

    private final InMemoryEventStore store = new InMemoryEventStore();
    private final DefaultEventStreams streams = new DefaultEventStreams(EventStoreRouter.single(store),
            new EventSerializer(StorageObjectMapper.create(), new EventTypeRegistry()));
    private final DefaultProjections projections = new DefaultProjections(streams, List.of(), Runnable::run);
    private final DefaultProjections withoutSnapshots = new DefaultProjections((EventStreams) streams);

    /** 60 deposits (enough for a snapshot) adding up to {@code total}; the first ones are 1 each. */
    private EventStream accountWithBalance(String key, int total) {
        EventStream account = streams.stream(ACCOUNTS.instance(key));
        List<Object> deposits = new ArrayList<>();
        for (int i = 0; i < 59; i++) {
            deposits.add(new Deposited(BigDecimal.ONE));
        }
        deposits.add(new Deposited(BigDecimal.valueOf(total - 59)));
        account.appendNonAtomically(deposits, WriteContext.EMPTY);
        return account;
    }

    private static Map<String, ?> threshold(Object value) {
        return Map.of("threshold", value);
    }

    private final SnapshotSupport support = new SnapshotSupport(type -> Optional.of(store),
            StorageObjectMapper.create(), Runnable::run);

    private String keyOf(Class<?> classification, Map<String, ?> parameters) {
        return support.keyOf(classification, ClassificationParameters.bind(classification, parameters,
                DefaultConversionService.getSharedInstance())).orElseThrow();
    }

    @Test
    @DisplayName("a classification's snapshot key is its name and version plus a fixed-size digest of the bound "
            + "parameter values, and stays the plain key when none are bound")
    void keyCarriesAParameterDigest() {
        String plain = support.keyOf(BalanceBelow.class);
        String fifty = keyOf(BalanceBelow.class, threshold(50));
        assertThat(fifty).matches(Pattern.quote(plain) + "#[0-9a-f]{16}");
        assertThat(keyOf(BalanceBelow.class, threshold("50"))).isEqualTo(fifty);
        assertThat(keyOf(BalanceBelow.class, Map.of("threshold", new BigDecimal("50"), "unused", "x")))
                .as("entries no field declares do not change the fold, nor the key").isEqualTo(fifty);
        assertThat(keyOf(BalanceBelow.class, threshold(51))).isNotEqualTo(fifty).hasSameSizeAs(fifty);
        assertThat(keyOf(BalanceBelow.class, threshold("1" + "0".repeat(5_000))))
                .as("a huge value still gives a short key, which every backend can store").hasSameSizeAs(fifty);

        assertThat(keyOf(BalanceBelowOptionally.class, Map.of()))
                .isEqualTo(support.keyOf(BalanceBelowOptionally.class));
        assertThat(keyOf(BalanceBelowOptionally.class, threshold(10)))
                .startsWith(support.keyOf(BalanceBelowOptionally.class) + "#");
        assertThat(support.keyOf(BalanceBelow.class, ClassificationParameters.NONE)).contains(plain);
    }

    @Test
    @DisplayName("a classification snapshot saved with one parameter value never decides a fold with another")
    void otherParametersDoNotReadTheSnapshot() {
        EventStream account = accountWithBalance("A-1", 80);
        ClassificationResult<BalanceBelow> below50 = projections.classify(account.id(), BalanceBelow.class,
                threshold(50));
        assertThat(below50.included()).isFalse();

        HANDLED.set(0);
        ClassificationResult<BalanceBelow> below100 = projections.classify(account.id(), BalanceBelow.class,
                threshold(100));
        assertThat(HANDLED.get()).as("events folded: the threshold-50 snapshot must not be used").isEqualTo(60);
        assertThat(below100.included()).isTrue();
        assertThat(below100.wasEverIncluded()).isTrue();
        assertThat(below100.wasEverExcluded()).isFalse();
        assertThat(below100.state().balance).isEqualByComparingTo("80");
        assertThat(below100.state().threshold).isEqualByComparingTo("100");
    }

    @Test
    @DisplayName("folds with equal parameter values, however they are passed, reuse the same snapshot")
    void equalParametersReuseTheSnapshot() {
        EventStream account = accountWithBalance("A-2", 80);
        projections.classify(account.id(), BalanceBelow.class, threshold(50)); // full fold, saves a snapshot at 60
        projections.classify(account.id(), BalanceBelow.class, threshold(100)); // its own snapshot at 60
        account.append(new Deposited(BigDecimal.ONE), new Deposited(BigDecimal.ONE));

        for (Object fifty : List.of(50, "50", new BigDecimal("50"))) {
            HANDLED.set(0);
            ClassificationResult<BalanceBelow> result = projections.classify(account.id(), BalanceBelow.class,
                    threshold(fifty));
            assertThat(HANDLED.get()).as("events folded with threshold %s (%s)", fifty, fifty.getClass().getSimpleName())
                    .isEqualTo(2);
            assertThat(result.included()).isFalse();
            assertThat(result.wasEverIncluded()).isTrue();
            assertThat(result.wasEverExcluded()).isTrue();
        }
        HANDLED.set(0);
        ClassificationResult<BalanceBelow> below100 = projections.classify(account.id(), BalanceBelow.class,
                threshold(100));
        assertThat(HANDLED.get()).isEqualTo(2);
        assertThat(below100.included()).isTrue();
        assertThat(below100.wasEverExcluded()).isFalse();
    }

    @Test
    @DisplayName("listing the instances a classification includes gives each parameter value its own snapshots")
    void includedKeysPerParameterValue() {
        accountWithBalance("A-80", 80);
        accountWithBalance("A-300", 300);
        accountWithBalance("A-70", 70);

        assertThat(projections.instanceKeysIncludedBy(ACCOUNTS, BalanceBelow.class, threshold(75)))
                .containsExactly("A-70");
        assertThat(projections.instanceKeysIncludedBy(ACCOUNTS, BalanceBelow.class, threshold(100)))
                .containsExactly("A-70", "A-80");
        assertThat(projections.instanceKeysIncludedBy(ACCOUNTS, BalanceBelow.class, threshold(60))).isEmpty();
        assertThat(projections.instanceKeysIncludedBy(ACCOUNTS, BalanceBelow.class, threshold(1000)))
                .containsExactly("A-300", "A-70", "A-80")
                .isEqualTo(withoutSnapshots.instanceKeysIncludedBy(ACCOUNTS, BalanceBelow.class, threshold(1000)));
        assertThat(projections.instanceKeysIncludedBy(ACCOUNTS, BalanceBelow.class, threshold(75)))
                .containsExactly("A-70");
    }
}
