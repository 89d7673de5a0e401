package io.github.eventsourcing.azure.table.internal;

import io.github.eventsourcing.azure.spi.AppendRequest;
import io.github.eventsourcing.azure.spi.EventRecord;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendTooLargeException;
import io.github.eventsourcing.azure.stream.EventStoreLimits;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.ExistenceConstraint;
import io.github.eventsourcing.azure.stream.ExpectedVersion;
import io.github.eventsourcing.azure.stream.NewEvent;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.test.contract.ContractEvents.BlobAttached;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.github.eventsourcing.azure.table.internal.TableTesting.freshDomain;
import static io.github.eventsourcing.azure.table.internal.TableTesting.freshStream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every append the core's limits allow fits into one Azure transaction, and the store refuses, before sending
 * anything, an append over Azure's physical limits (possible when the store is used without the core, or with a
 * mistake in the limits).
 */
@DisplayName("Azure's limits on the Table backend")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TableLimitsTest {

    private final AzureTableLimitsPolicy limits = new AzureTableLimitsPolicy();
    private final RequestLog requests = new RequestLog();
    private final TableEventStore store = new TableEventStore(AzuriteTables.client(limits, requests));
    private final StreamId id = freshStream(freshDomain());

    @AfterEach
    void nothingAzureWouldRefuseWasSent() {
        assertThat(limits.refused()).isEmpty();
    }

    @ParameterizedTest(name = "write context of ''{0}''")
    @ValueSource(strings = {"é", "東", "😀", "\""})
    @DisplayName("the largest legal append, 49 events with every write-context field full and 2 MiB in all, is one "
            + "transaction")
    void largestLegalAppend(String contextCharacter) {
        EventStoreLimits core = EventStoreLimits.DEFAULT;
        String full = contextCharacter.repeat(WriteContext.MAX_VALUE_LENGTH / contextCharacter.length());
        WriteContext context = new WriteContext(full, full, full, full, full, full);
        int contextBytes = 6 * full.getBytes(StandardCharsets.UTF_8).length;
        String eventId = UUID.randomUUID().toString();
        int perEvent = core.maxAppendBytes() / core.maxEventsPerAppend();
        // The core counts JSON, name, id and context; {"content":"..."} adds 14 bytes of JSON.
        int content = perEvent - contextBytes - "Blob Attached".length() - eventId.length() - 14;
        List<Object> events = IntStream.range(0, core.maxEventsPerAppend())
                .mapToObj(i -> (Object) NewEvent.of(new BlobAttached("x".repeat(content)))).toList();
        EventStream stream = TableTesting.streamsOn(store).stream(id);

        var sent = requests.during(() -> stream.append(events, AppendOptions.expectingVersion(0).withContext(context)));

        assertThat(sent).hasSizeGreaterThanOrEqualTo(1).last().matches(RequestLog.Sent::batch);
        List<RecordedEvent> stored = stream.read();
        assertThat(stored).hasSize(core.maxEventsPerAppend()).allSatisfy(event -> {
            assertThat(event.context()).isEqualTo(context);
            assertThat(event.payloadAs(BlobAttached.class).content()).hasSize(content);
        });
    }

    @Test
    @DisplayName("an event of the largest legal size is stored and read back whole, split over 64 KiB properties")
    void largestEvent() {
        EventStream stream = TableTesting.streamsOn(store).stream(id);
        String content = "ü".repeat((EventStoreLimits.DEFAULT.maxEventBytes() - 100) / 2);
        stream.append(new BlobAttached(content));
        assertThat(stream.read()).singleElement()
                .satisfies(event -> assertThat(event.payloadAs(BlobAttached.class).content()).isEqualTo(content));
        assertThat(TableTesting.rowsOf(store, id)).filteredOn(row -> row.getRowKey().equals(RowKeys.event(1)))
                .singleElement().satisfies(row -> assertThat(row.getProperties()).containsKeys("Data", "Data1", "Data2",
                        "Data3").doesNotContainKey("Data4"));
    }

    @Test
    @DisplayName("more events than one transaction holds are refused before anything is sent")
    void tooManyEvents() {
        assertRefusedUnsent(request(50, 10), "transaction");
    }

    @Test
    @DisplayName("an event over Azure's 1 MiB entity size is refused before anything is sent")
    void entityTooLarge() {
        assertRefusedUnsent(request(1, 1024 * 1024), "per entity");
    }

    @Test
    @DisplayName("events over Azure's 4 MiB per transaction are refused before anything is sent")
    void transactionTooLarge() {
        assertRefusedUnsent(request(16, 250 * 1024), "per transaction");
    }

    @Test
    @DisplayName("a property value over 64 KiB is refused before anything is sent")
    void propertyTooLarge() {
        EventRecord longName = new EventRecord("id-1", "N".repeat(40_000), 1, "{}".getBytes(StandardCharsets.UTF_8));
        assertRefusedUnsent(new AppendRequest(List.of(longName), 0, ExistenceConstraint.LOOSE, WriteContext.EMPTY,
                now()), "per property");
    }

    private void assertRefusedUnsent(AppendRequest request, String limit) {
        var sent = requests.during(() -> assertThatThrownBy(() -> store.append(id, request))
                .isInstanceOf(AppendTooLargeException.class).hasMessageContaining(limit)
                .hasMessageContaining(id.toString()));
        assertThat(sent).isEmpty();
        assertThat(store.version(id)).isZero();
    }

    private static AppendRequest request(int events, int dataBytes) {
        List<EventRecord> records = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            records.add(new EventRecord("id-" + i, "Blob Attached", 1, new byte[dataBytes]));
        }
        return new AppendRequest(records, ExpectedVersion.NEW_STREAM, ExistenceConstraint.LOOSE, WriteContext.EMPTY,
                now());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
