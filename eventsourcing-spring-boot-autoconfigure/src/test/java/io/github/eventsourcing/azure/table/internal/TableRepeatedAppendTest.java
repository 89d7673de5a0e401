package io.github.eventsourcing.azure.table.internal;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.EventIdConflictException;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.NewEvent;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static io.github.eventsourcing.azure.table.internal.TableTesting.freshDomain;
import static io.github.eventsourcing.azure.table.internal.TableTesting.freshStream;
import static io.github.eventsourcing.azure.table.internal.TableTesting.rowsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A repeated append is told from another event under a stored id by the digests on the id rows, which the query
 * that diagnoses the refused transaction reads anyway: no read of the event rows, except for id rows written before
 * digests (format version 3) and appends with more ids than that query can look up.
 */
@DisplayName("Repeated appends on the Table backend")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TableRepeatedAppendTest {

    private final RequestLog requests = new RequestLog();
    private final TableEventStore store = new TableEventStore(AzuriteTables.client(new AzureTableLimitsPolicy(),
            requests));
    private final EventStreams streams = TableTesting.streamsOn(store);
    private final EventStream stream = streams.stream(freshStream(freshDomain()));

    private static List<NewEvent> events(String prefix, int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> NewEvent.of(new ThingHappened("event " + i, i), prefix + "-" + i)).toList();
    }

    @Test
    @DisplayName("a repeat of an append whose id rows carry digests is recognised from the diagnosis query alone")
    void repeatComparesDigests() {
        stream.append(events("a", 3), AppendOptions.expectingVersion(0));
        assertThat(rowsOf(store, stream.id())).filteredOn(row -> row.getRowKey().startsWith(RowKeys.eventId("")))
                .hasSize(3).allSatisfy(row -> assertThat(row.getProperty(EventEntities.DIGEST)).asString().hasSize(32));

        AtomicReference<AppendResult> repeat = new AtomicReference<>();
        List<RequestLog.Sent> sent = requests.during(() ->
                repeat.set(stream.append(events("a", 3), AppendOptions.expectingVersion(0))));

        assertThat(repeat.get().alreadyApplied()).isTrue();
        assertThat(repeat.get().firstSequence()).isEqualTo(1);
        assertThat(repeat.get().lastSequence()).isEqualTo(3);
        assertThat(sent).as("the refused batch and the one query of header, deletion mark and id rows; no event rows")
                .extracting(RequestLog.Sent::batch, RequestLog.Sent::query)
                .containsExactly(tuple(true, false),
                        tuple(false, true));
    }

    @Test
    @DisplayName("another payload under a stored id is a conflict naming that id, told by its digest, and writes nothing")
    void otherPayloadUnderStoredIdIsConflict() {
        stream.append(events("b", 3), AppendOptions.expectingVersion(0));
        List<NewEvent> changed = new ArrayList<>(events("b", 3));
        changed.set(1, NewEvent.of(new ThingHappened("event 2", 200), "b-2"));

        List<RequestLog.Sent> sent = requests.during(() ->
                assertThatThrownBy(() -> stream.append(changed, AppendOptions.expectingVersion(0)))
                        .isInstanceOfSatisfying(EventIdConflictException.class,
                                conflict -> assertThat(conflict.eventIds()).containsExactly("b-2"))
                        .hasMessageContaining("b-2"));

        assertThat(sent).as("no read of the event rows").hasSize(2);
        assertThat(stream.read()).extracting(event -> event.eventId()).containsExactly("b-1", "b-2", "b-3");
    }

    @Test
    @DisplayName("id rows written before digests are checked by reading the event rows: a repeat is a replay, "
            + "another payload a conflict")
    void idRowsWithoutDigestReadTheEvents() {
        stream.append(events("c", 2), AppendOptions.expectingVersion(0));
        stripDigests();

        List<RequestLog.Sent> sent = requests.during(() -> assertThat(
                stream.append(events("c", 2), AppendOptions.expectingVersion(0)).alreadyApplied()).isTrue());
        assertThat(sent).as("the batch, the diagnosis query and the query of the event rows").hasSize(3);

        List<NewEvent> changed = List.of(NewEvent.of(new ThingHappened("other", 1), "c-1"), events("c", 2).get(1));
        assertThatThrownBy(() -> stream.append(changed, AppendOptions.expectingVersion(0)))
                .isInstanceOfSatisfying(EventIdConflictException.class,
                        conflict -> assertThat(conflict.eventIds()).containsExactly("c-1"));
    }

    @Test
    @DisplayName("a repeat of an append with more ids than the diagnosis query looks up reads the event rows instead")
    void largeAppendReadsTheEvents() {
        int count = StreamAppend.MAX_ID_ROWS_READ + 1;
        stream.append(events("d", count), AppendOptions.expectingVersion(0));

        List<RequestLog.Sent> sent = requests.during(() -> assertThat(
                stream.append(events("d", count), AppendOptions.expectingVersion(0)).alreadyApplied()).isTrue());
        assertThat(sent).as("the batch, the diagnosis query and the query of the event rows").hasSize(3);

        List<NewEvent> changed = new ArrayList<>(events("d", count));
        changed.set(count - 1, NewEvent.of(new ThingHappened("other", 0), "d-" + count));
        assertThatThrownBy(() -> stream.append(changed, AppendOptions.expectingVersion(0)))
                .isInstanceOfSatisfying(EventIdConflictException.class,
                        conflict -> assertThat(conflict.eventIds()).containsExactly("d-" + count));
    }

    /** Leaves the stream's id rows as a version before 3 wrote them: without {@code Digest}. */
    private void stripDigests() {
        TableClient table = AzuriteTables.client(new AzureTableLimitsPolicy())
                .getTableClient(store.tableNameFor(stream.id().type()));
        rowsOf(store, stream.id()).stream().filter(row -> row.getRowKey().startsWith(RowKeys.eventId("")))
                .forEach(row -> table.updateEntity(new TableEntity(row.getPartitionKey(), row.getRowKey())
                        .addProperty(EventEntities.SEQUENCE, row.getProperty(EventEntities.SEQUENCE))
                        .addProperty(EventEntities.APPEND_ID, row.getProperty(EventEntities.APPEND_ID)),
                        TableEntityUpdateMode.REPLACE));
        assertThat(rowsOf(store, stream.id())).allSatisfy(row ->
                assertThat(row.getProperty(EventEntities.DIGEST)).as(row.getRowKey()).isNull());
    }
}
