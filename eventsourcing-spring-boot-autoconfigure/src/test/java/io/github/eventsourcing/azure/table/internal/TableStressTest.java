package io.github.eventsourcing.azure.table.internal;

import com.azure.data.tables.models.TableEntity;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.ConcurrencyConflictException;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.NewEvent;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static io.github.eventsourcing.azure.table.internal.TableTesting.freshDomain;
import static io.github.eventsourcing.azure.table.internal.TableTesting.freshStream;
import static io.github.eventsourcing.azure.table.internal.TableTesting.rowsOf;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Many writers on one Table stream")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TableStressTest {

    private static final int WRITERS = 8;
    private static final int EVENTS_PER_WRITER = 24;

    @RegisterExtension
    static final WithinAzureTableLimits AZURE = new WithinAzureTableLimits();

    private final TableEventStore store = new TableEventStore(AZURE.client());
    private final List<EventStreams> instances = List.of(TableTesting.streamsOn(store),
            TableTesting.streamsOn(new TableEventStore(AZURE.client())));
    private final StreamId id = freshStream(freshDomain());

    @Test
    @DisplayName("8 writers on two instances, re-reading and retrying on conflicts, leave exactly the acknowledged "
            + "events at versions 1..N, each id row pointing at its event")
    void writersRetryingOnConflicts() throws Exception {
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                EventStream mine = instances.get(writer % 2).stream(id);
                writers.add(pool.submit(() -> {
                    start.await();
                    int written = 0;
                    while (written < EVENTS_PER_WRITER) {
                        // Odd writers append two events at once, so multi-event transactions race too.
                        int count = Math.min(writer % 2 + 1, EVENTS_PER_WRITER - written);
                        List<Object> events = new ArrayList<>();
                        for (int i = 0; i < count; i++) {
                            int number = written + i;
                            events.add(NewEvent.of(new ThingHappened(writer + ":" + number, number), writer + "-" + number));
                        }
                        try {
                            mine.append(events, AppendOptions.expectingVersion(mine.version()));
                            events.forEach(e -> acknowledged.add(((ThingHappened) ((NewEvent) e).payload()).text()));
                            written += count;
                        } catch (ConcurrencyConflictException lostTheRace) {
                            // someone else wrote that version: read it again and retry
                        }
                    }
                    return null;
                }));
            }
            long began = System.nanoTime();
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get();
            }
            System.out.printf("%d events by %d racing writers in %d ms%n", WRITERS * EVENTS_PER_WRITER, WRITERS,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        } finally {
            pool.shutdownNow();
        }

        long total = (long) WRITERS * EVENTS_PER_WRITER;
        List<RecordedEvent> events = instances.get(0).stream(id).read();
        assertThat(events).extracting(RecordedEvent::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(events).extracting(e -> e.payloadAs(ThingHappened.class).text())
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(acknowledged);
        for (int w = 0; w < WRITERS; w++) {
            String prefix = w + ":";
            assertThat(events.stream().map(e -> e.payloadAs(ThingHappened.class))
                    .filter(t -> t.text().startsWith(prefix)).map(ThingHappened::number).toList())
                    .as("events of writer %d, in its order", w).isSorted().hasSize(EVENTS_PER_WRITER);
        }

        Map<String, Long> sequenceOfId = new HashMap<>();
        events.forEach(e -> sequenceOfId.put(e.eventId(), e.sequence()));
        List<TableEntity> idRows = rowsOf(store, id).stream()
                .filter(row -> row.getRowKey().startsWith(RowKeys.EVENT_ID_PREFIX)).toList();
        assertThat(idRows).hasSize((int) total).allSatisfy(row -> assertThat(row.getProperty(EventEntities.SEQUENCE))
                .isEqualTo(sequenceOfId.get(KeyEscaping.unescape(row.getRowKey().substring(3)))));
        assertThat(instances.get(1).stream(id).version()).isEqualTo(total);
    }
}
