package io.github.eventsourcing.azure.table.internal;

import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.ConcurrencyConflictException;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamAlreadyExistsException;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.github.eventsourcing.azure.table.internal.TableTesting.freshDomain;
import static io.github.eventsourcing.azure.table.internal.TableTesting.freshStream;
import static io.github.eventsourcing.azure.table.internal.TableTesting.things;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Races played out in a fixed order: writer A is held just before it sends its transaction (after it read the header,
 * when it needed to) while writer B, another application instance, commits.
 */
@DisplayName("Races between two writers on the Table backend, played deterministically")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TableRaceTest {

    private final AzureTableLimitsPolicy limits = new AzureTableLimitsPolicy();
    private final RequestLog requestsOfA = new RequestLog();
    private final InterceptingPolicy holdA = new InterceptingPolicy();
    private final EventStreams writerA = TableTesting.streamsOn(
            new TableEventStore(AzuriteTables.client(limits, requestsOfA, holdA)));
    private final EventStreams writerB = TableTesting.streamsOn(new TableEventStore(AzuriteTables.client(limits)));
    private final StreamId id = freshStream(freshDomain());

    @AfterEach
    void nothingAzureWouldRefuseWasSent() {
        assertThat(limits.refused()).isEmpty();
    }

    /** Before A's next transaction goes out, B appends. */
    private void beforeNextTransactionOfA(Runnable writeOfB) {
        holdA.intercept(TestPolicy::isBatch, 1, (request, send) -> {
            writeOfB.run();
            return send.get();
        });
    }

    private static String texts(EventStream stream) {
        return String.join(",", stream.read().stream().map(e -> e.payloadAs(ThingHappened.class).text()).toList());
    }

    @Test
    @DisplayName("a loose append that loses the race retries once and lands right after the winner")
    void looseAppendRetriesOnce() {
        // Written by B, so that A has not seen the stream and its append asks where the stream ends.
        writerB.stream(id).append(things(1, 2), AppendOptions.DEFAULT);
        beforeNextTransactionOfA(() -> writerB.stream(id).append(new ThingHappened("B", 3)));

        AtomicReference<AppendResult> result = new AtomicReference<>();
        var sent = requestsOfA.during(() -> result.set(writerA.stream(id).append(new ThingHappened("A", 4))));

        assertThat(holdA.interceptions()).isEqualTo(1);
        assertThat(result.get().firstSequence()).isEqualTo(4);
        assertThat(result.get().streamCreated()).isFalse();
        assertThat(result.get().alreadyApplied()).isFalse();
        assertThat(sent).as("A: header, rejected transaction, diagnosis, transaction at the version found")
                .extracting(RequestLog.Sent::batch).containsExactly(false, true, false, true);
        assertThat(texts(writerA.stream(id))).isEqualTo("event 1,event 2,B,A");
        assertThat(writerA.stream(id).read()).extracting(RecordedEvent::sequence).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    @DisplayName("a loose first append that loses the creation race appends to the stream the winner created")
    void looseFirstAppendJoinsTheWinner() {
        beforeNextTransactionOfA(() -> writerB.stream(id).append(new ThingHappened("B", 1), AppendOptions.mustBeNew()));

        AppendResult result = writerA.stream(id).append(new ThingHappened("A", 2));

        assertThat(result.streamCreated()).isFalse();
        assertThat(result.firstSequence()).isEqualTo(2);
        assertThat(texts(writerA.stream(id))).isEqualTo("B,A");
    }

    @Test
    @DisplayName("an append with an expected version that loses the race fails with both versions and writes nothing")
    void expectedVersionFails() {
        writerA.stream(id).append(things(1, 2), AppendOptions.DEFAULT);
        beforeNextTransactionOfA(() -> writerB.stream(id).append(new ThingHappened("B", 3)));

        var sent = requestsOfA.during(() -> assertThatThrownBy(() -> writerA.stream(id)
                .append(new ThingHappened("A", 3), AppendOptions.expectingVersion(2)))
                .isInstanceOfSatisfying(ConcurrencyConflictException.class, conflict -> {
                    assertThat(conflict.expectedVersion()).isEqualTo(2);
                    assertThat(conflict.actualVersion()).isEqualTo(3);
                    assertThat(conflict.streamId()).isEqualTo(id);
                }));

        assertThat(sent.stream().filter(RequestLog.Sent::batch)).as("transactions of A: never retried").hasSize(1);
        assertThat(texts(writerA.stream(id))).isEqualTo("event 1,event 2,B");
    }

    @Test
    @DisplayName("a must-be-new append that loses the creation race is told the stream exists")
    void mustBeNewLoses() {
        beforeNextTransactionOfA(() -> writerB.stream(id).append(new ThingHappened("B", 1), AppendOptions.mustBeNew()));

        assertThatThrownBy(() -> writerA.stream(id).append(new ThingHappened("A", 1), AppendOptions.mustBeNew()))
                .isInstanceOf(StreamAlreadyExistsException.class);
        assertThat(texts(writerA.stream(id))).isEqualTo("B");
    }

    @Test
    @DisplayName("an append expecting a version the stream reached, but was deleted meanwhile, fails and creates nothing")
    void deletedUnderneath() {
        writerA.stream(id).append(things(1, 2), AppendOptions.DEFAULT);
        beforeNextTransactionOfA(() -> writerB.stream(id).delete());

        assertThatThrownBy(() -> writerA.stream(id).append(new ThingHappened("A", 3), AppendOptions.expectingVersion(2)))
                .isInstanceOfSatisfying(ConcurrencyConflictException.class,
                        conflict -> assertThat(conflict.actualVersion()).isZero());
        assertThat(writerA.stream(id).exists()).isFalse();
    }
}
