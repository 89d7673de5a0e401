package io.github.eventsourcing.azure.table.internal;

import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.data.tables.models.TableEntity;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.ConcurrencyConflictException;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.NewEvent;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.StreamNotFoundException;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import static io.github.eventsourcing.azure.table.internal.TableTesting.freshDomain;
import static io.github.eventsourcing.azure.table.internal.TableTesting.freshStream;
import static io.github.eventsourcing.azure.table.internal.TableTesting.rowKeysOf;
import static io.github.eventsourcing.azure.table.internal.TableTesting.rowsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Deleting streams on the Table backend, also when interrupted")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TableDeletionTest {

    private static final int EVENTS = 120; // 120 id rows and 119 event rows to clean up: three batches

    private final AzureTableLimitsPolicy limits = new AzureTableLimitsPolicy();
    private final InterceptingPolicy crash = new InterceptingPolicy();
    private final AtomicBoolean down = new AtomicBoolean();
    private final TableEventStore store = new TableEventStore(AzuriteTables.client(limits, crash, new TestPolicy() {
        @Override
        HttpResponse handle(HttpRequest request, Supplier<HttpResponse> send) {
            if (down.get()) {
                throw new IllegalStateException("simulated crash: this process sends nothing any more");
            }
            return send.get();
        }
    }));
    private final EventStreams streams = TableTesting.streamsOn(store);
    private final EventStreams otherInstance = TableTesting.streamsOn(
            new TableEventStore(AzuriteTables.client(limits)));
    private final StreamId id = freshStream(freshDomain());
    private final EventStream stream = streams.stream(id);

    @AfterEach
    void nothingAzureWouldRefuseWasSent() {
        assertThat(limits.refused()).isEmpty();
    }

    private void writeOldEvents() {
        List<Object> events = new ArrayList<>();
        for (int i = 1; i <= EVENTS; i++) {
            events.add(NewEvent.of(new ThingHappened("old", i), "old-" + i));
        }
        stream.appendNonAtomically(events, WriteContext.EMPTY);
    }

    /**
     * Deletes the stream, with the process "crashing" at its second cleanup batch, after marking and one batch: from
     * then on it sends nothing (the client's retries included), until the test lets it "restart".
     */
    private void deleteAndCrashHalfWay() {
        crash.intercept(TestPolicy::isBatch, 3, (request, send) -> {
            down.set(true);
            return send.get();
        });
        assertThat(stream.delete()).as("the stream was deleted (marked) by this call").isTrue();
        assertThat(crash.interceptions()).isEqualTo(1);
        down.set(false);
    }

    private List<TableEntity> tombstones() {
        return rowsOf(store, id).stream().filter(row -> row.getRowKey().startsWith(RowKeys.GONE_PREFIX)).toList();
    }

    @Test
    @DisplayName("an interrupted deletion leaves the stream invisible to reads, listings and appends that need it")
    void interruptedDeletionIsInvisible() {
        writeOldEvents();
        deleteAndCrashHalfWay();

        List<String> leftovers = rowKeysOf(store, id);
        assertThat(leftovers).contains(RowKeys.DELETING, RowKeys.event(1)).doesNotContain(RowKeys.HEAD);
        assertThat(leftovers.size()).as("rows still to remove").isGreaterThan(100);
        for (EventStreams instance : List.of(streams, otherInstance)) {
            EventStream seen = instance.stream(id);
            assertThat(seen.exists()).isFalse();
            assertThat(seen.version()).isZero();
            assertThat(seen.read()).isEmpty();
            assertThat(instance.instanceKeys(id.domain(), id.entityType())).doesNotContain(id.instanceKey());
        }
        assertThat(rowKeysOf(store, id)).as("reads change nothing").isEqualTo(leftovers);

        EventStream elsewhere = otherInstance.stream(id);
        assertThatThrownBy(() -> elsewhere.append(new ThingHappened("late", 121), AppendOptions.expectingVersion(EVENTS)))
                .isInstanceOfSatisfying(ConcurrencyConflictException.class,
                        conflict -> assertThat(conflict.actualVersion()).isZero());
        assertThatThrownBy(() -> elsewhere.append(new ThingHappened("late", 121), AppendOptions.mustExist()))
                .isInstanceOf(StreamNotFoundException.class);
        assertThat(rowKeysOf(store, id)).as("the refused append finished the deletion on its way")
                .singleElement().asString().startsWith(RowKeys.GONE_PREFIX);
    }

    /** The ways the next user of the key finishes an interrupted deletion. */
    enum NextUse {
        DELETE, MUST_BE_NEW_APPEND, LOOSE_APPEND
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(NextUse.class)
    @DisplayName("whoever uses the key next finishes the interrupted deletion; a re-created stream is clean")
    void nextUseFinishesTheDeletion(NextUse next) {
        writeOldEvents();
        deleteAndCrashHalfWay();
        EventStream elsewhere = otherInstance.stream(id);

        switch (next) {
            case DELETE -> {
                assertThat(elsewhere.delete()).as("already deleted").isFalse();
                assertThat(rowKeysOf(store, id)).allMatch(key -> key.startsWith(RowKeys.GONE_PREFIX)).hasSize(1);
                return;
            }
            case MUST_BE_NEW_APPEND -> {
                AppendResult created = elsewhere.append(List.of(NewEvent.of(new ThingHappened("new", 1), "old-1")),
                        AppendOptions.mustBeNew());
                assertThat(created).isEqualTo(new AppendResult(true, 1, 1, false));
            }
            case LOOSE_APPEND -> {
                AppendResult created = elsewhere.append(List.of(NewEvent.of(new ThingHappened("new", 1), "old-1")),
                        AppendOptions.DEFAULT);
                assertThat(created).isEqualTo(new AppendResult(true, 1, 1, false));
            }
        }
        assertThat(elsewhere.read()).extracting(RecordedEvent::eventId, e -> e.payloadAs(ThingHappened.class).text())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("old-1", "new"));
        assertThat(rowKeysOf(store, id)).filteredOn(key -> !key.startsWith(RowKeys.GONE_PREFIX))
                .containsExactly(RowKeys.HEAD, RowKeys.event(1), RowKeys.eventId("old-1"));
        AppendResult second = elsewhere.append(List.of(NewEvent.of(new ThingHappened("new", 2), "old-2")),
                AppendOptions.expectingVersion(1));
        assertThat(second.alreadyApplied()).as("an old event id is a new event").isFalse();
    }

    @Test
    @DisplayName("each deletion leaves one pending tombstone with the final version for the deleted-stream notice")
    void oneTombstonePerDeletion() {
        stream.append(List.of(new ThingHappened("a", 1), new ThingHappened("b", 2), new ThingHappened("c", 3)),
                AppendOptions.DEFAULT);
        assertThat(stream.delete()).isTrue();
        assertThat(rowKeysOf(store, id)).singleElement().asString().startsWith(RowKeys.GONE_PREFIX);
        TableEntity tombstone = tombstones().get(0);
        assertThat(tombstone.getProperty(EventEntities.VERSION)).isEqualTo(3L);
        assertThat(tombstone.getProperty(EventEntities.PENDING)).isEqualTo(true);
        assertThat(tombstone.getProperty(EventEntities.DELETED_AT)).isNotNull();

        stream.append(new ThingHappened("again", 1));
        assertThat(stream.delete()).isTrue();
        assertThat(stream.delete()).isFalse();
        assertThat(tombstones()).hasSize(2).extracting(row -> row.getProperty(EventEntities.VERSION))
                .containsExactlyInAnyOrder(3L, 1L);
    }

    @Test
    @DisplayName("a cleaner that was held up never deletes rows of the stream re-created after the deletion finished")
    void lateCleanerSparesTheNewStream() {
        List<Object> events = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            events.add(NewEvent.of(new ThingHappened("old", i), "id-" + i));
        }
        stream.append(events, AppendOptions.DEFAULT);
        // This process marks the stream deleted, reads the rows to remove, and stalls before removing them; meanwhile
        // another instance finishes the deletion and re-creates the stream with the same event ids and sequences.
        List<Object> reused = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            reused.add(NewEvent.of(new ThingHappened("new", i), "id-" + i));
        }
        crash.intercept(TestPolicy::isBatch, 2, (request, send) -> {
            assertThat(otherInstance.stream(id).delete()).isFalse();
            otherInstance.stream(id).append(reused, AppendOptions.mustBeNew());
            return send.get();
        });

        assertThat(stream.delete()).isTrue();

        assertThat(crash.interceptions()).isEqualTo(1);
        assertThat(stream.read()).extracting(e -> e.payloadAs(ThingHappened.class).text())
                .containsExactly("new", "new", "new", "new", "new");
        assertThat(rowKeysOf(store, id)).filteredOn(key -> !key.startsWith(RowKeys.GONE_PREFIX)).hasSize(11);
    }
}
