package io.github.eventsourcing.azure.table.internal;

import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendOutcomeUnknownException;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.BackendUnavailableException;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.NewEvent;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.github.eventsourcing.azure.table.internal.TableTesting.freshDomain;
import static io.github.eventsourcing.azure.table.internal.TableTesting.freshStream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Appends during a storage freeze of seconds, on the Table backend through the real SDK against Azurite: a write whose
 * outcome is unknown is looked for afterwards, and is never answered as "nothing was written".
 */
@DisplayName("Appends whose outcome storage leaves unknown, on the Table backend")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TableAppendOutcomeTest {

    private final StorageFreeze freeze = new StorageFreeze();
    private final TableEventStore store = new TableEventStore(AzuriteTables.client(new AzureTableLimitsPolicy(), freeze));
    private final StreamId id = freshStream(freshDomain());

    @BeforeEach
    void createTheTable() {
        // A first transaction to a missing table fails and creates it: the tests' transactions go to one that exists.
        TableTesting.streamsOn(store).stream(freshStream(id.domain())).append(new ThingHappened("table", 0));
    }

    @AfterEach
    void thaw() {
        freeze.thaw();
    }

    private EventStream streamCheckingFor(Duration outcomeCheckTimeout) {
        return TableTesting.streamsOn(store, outcomeCheckTimeout).stream(id);
    }

    private static List<Object> withdrawal() {
        return List.of(NewEvent.of(new ThingHappened("withdraw 70", 70), "w-154"),
                NewEvent.of(new ThingHappened("fee 1", 1), "w-154-fee"));
    }

    private List<String> storedIds() {
        return streamCheckingFor(Duration.ZERO).read().stream().map(RecordedEvent::eventId).toList();
    }

    @Test
    @DisplayName("a write that landed while its answers were lost is reported as done once storage answers again")
    void landedDuringTheFreeze() {
        EventStream stream = streamCheckingFor(Duration.ofSeconds(20));
        freeze.freeze(StorageFreeze.Kind.FIRST_TRANSACTION_LANDS, Duration.ofSeconds(2));

        long started = System.nanoTime();
        AppendResult result = stream.append(withdrawal(), AppendOptions.expectingVersion(0));

        assertThat(freeze.transactionLanded()).isTrue();
        assertThat(result).isEqualTo(new AppendResult(true, 1, 2, true));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answered soon after the freeze ended")
                .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(10));
        assertThat(storedIds()).containsExactly("w-154", "w-154-fee");
    }

    @Test
    @DisplayName("a write during a freeze longer than the outcome check is reported as unknown, naming its ids")
    void frozenLongerThanTheCheck() {
        EventStream stream = streamCheckingFor(Duration.ofSeconds(1));
        freeze.freeze(StorageFreeze.Kind.NO_ANSWER, Duration.ofSeconds(30));

        long started = System.nanoTime();
        assertThatThrownBy(() -> stream.append(withdrawal(), AppendOptions.expectingVersion(0)))
                .isInstanceOfSatisfying(AppendOutcomeUnknownException.class, unknown -> {
                    assertThat(unknown.streamId()).isEqualTo(id);
                    assertThat(unknown.eventIds()).containsExactly("w-154", "w-154-fee");
                    assertThat(unknown).hasMessageContaining("could not be read").hasMessageContaining("same event ids");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the check gives up after its timeout")
                .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(8));
    }

    @Test
    @DisplayName("a write not found while storage reads fine is still unknown: an attempt in the service may land later")
    void notFoundIsNotProofOfNothingWritten() {
        EventStream stream = streamCheckingFor(Duration.ofSeconds(1));
        freeze.freeze(StorageFreeze.Kind.TRANSACTIONS_VANISH, Duration.ofSeconds(30));

        assertThatThrownBy(() -> stream.append(withdrawal(), AppendOptions.expectingVersion(0)))
                .isInstanceOf(AppendOutcomeUnknownException.class)
                .hasMessageContaining("'w-154' was not found, but an attempt that reached the service may still land");
    }

    @Test
    @DisplayName("a write that provably never reached storage is reported unavailable at once, without the check")
    void connectionRefused() {
        EventStream stream = streamCheckingFor(Duration.ofSeconds(20));
        freeze.freeze(StorageFreeze.Kind.CONNECTION_REFUSED, Duration.ofSeconds(30));

        long started = System.nanoTime();
        assertThatThrownBy(() -> stream.append(withdrawal(), AppendOptions.expectingVersion(0)))
                .isExactlyInstanceOf(BackendUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        freeze.thaw();
        assertThat(storedIds()).isEmpty();
    }

    @Test
    @DisplayName("a repeat of an append reported unknown writes it once")
    void repeatAfterUnknown() {
        EventStream stream = streamCheckingFor(Duration.ofMillis(200));
        freeze.freeze(StorageFreeze.Kind.FIRST_TRANSACTION_LANDS, Duration.ofSeconds(30));
        assertThatThrownBy(() -> stream.append(withdrawal(), AppendOptions.expectingVersion(0)))
                .isInstanceOf(AppendOutcomeUnknownException.class);
        freeze.thaw();

        assertThat(stream.append(withdrawal(), AppendOptions.expectingVersion(0)).alreadyApplied()).isTrue();
        assertThat(storedIds()).containsExactly("w-154", "w-154-fee");
    }
}
