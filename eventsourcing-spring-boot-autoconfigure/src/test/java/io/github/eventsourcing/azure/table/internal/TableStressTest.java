package io.github.eventsourcing.azure.table.internal;

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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        race((writer, mine) -> {
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
        });

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

    @Test
    @DisplayName("8 writers on two instances appending without an expected version (half of them must-exist), each "
            + "instance guessing from its version cache, leave exactly the acknowledged events in order; a third "
            + "instance then deletes the stream (must-exist appends are refused, nothing is created) and re-creates it "
            + "at the very version the caches hold, and the writers' appends land after its events")
    void writersGuessingFromStaleCaches() throws Exception {
        EventStreams third = TableTesting.streamsOn(new TableEventStore(AZURE.client()));
        third.stream(id).append(NewEvent.of(new ThingHappened("first", 0), "first"));
        Map<String, Long> acknowledged = appendAtTheEndRacing("a");
        acknowledged.put("first", 1L);
        long total = acknowledged.size();
        assertStreamHolds(acknowledged);
        for (int w = 0; w < WRITERS; w++) {
            int last = EVENTS_PER_WRITER / 2 - 1;
            String lastId = "a" + w + "-" + last;
            AppendResult repeated = instances.get(w % 2).stream(id)
                    .append(List.of(NewEvent.of(new ThingHappened(lastId, last), lastId)), AppendOptions.DEFAULT);
            assertThat(repeated.alreadyApplied()).isTrue();
            assertThat(repeated.firstSequence()).isEqualTo(acknowledged.get(lastId));
        }
        // Both instances now remember the version the stream is re-created at below.
        instances.forEach(instance -> assertThat(instance.stream(id).version()).isEqualTo(total));

        assertThat(third.stream(id).delete()).isTrue();
        for (EventStreams instance : instances) {
            assertThatThrownBy(() -> instance.stream(id).append(new ThingHappened("late", 0), AppendOptions.mustExist()))
                    .isInstanceOf(StreamNotFoundException.class);
        }
        assertThat(third.stream(id).exists()).isFalse();
        List<Object> recreated = new ArrayList<>();
        for (long sequence = 1; sequence <= total; sequence++) {
            recreated.add(NewEvent.of(new ThingHappened("recreated", (int) sequence), "recreated-" + sequence));
        }
        third.stream(id).appendNonAtomically(recreated, WriteContext.EMPTY);
        Map<String, Long> afterRecreation = appendAtTheEndRacing("b");
        for (long sequence = 1; sequence <= total; sequence++) {
            afterRecreation.put("recreated-" + sequence, sequence);
        }
        assertStreamHolds(afterRecreation);
    }

    /** Each writer appends half its events without an expected version; the sequence of each acknowledged event id. */
    private Map<String, Long> appendAtTheEndRacing(String round) throws Exception {
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        race((writer, mine) -> {
            AppendOptions options = writer % 4 < 2 ? AppendOptions.DEFAULT : AppendOptions.mustExist();
            for (int i = 0; i < EVENTS_PER_WRITER / 2; i++) {
                String eventId = round + writer + "-" + i;
                AppendResult result = mine.append(List.of(NewEvent.of(new ThingHappened(eventId, i), eventId)), options);
                assertThat(result.alreadyApplied()).isFalse();
                acknowledged.put(eventId, result.firstSequence());
            }
        });
        return acknowledged;
    }

    /** What one writer does with its own view of the stream, on the instance of its parity. */
    @FunctionalInterface
    private interface Writer {
        void write(int writer, EventStream mine) throws Exception;
    }

    /** Starts all writers at once on their own threads, and waits for all of them. */
    private void race(Writer work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                EventStream mine = instances.get(writer % 2).stream(id);
                writers.add(pool.submit(() -> {
                    start.await();
                    work.write(writer, mine);
                    return null;
                }));
            }
            long began = System.nanoTime();
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get();
            }
            System.out.printf("%d racing writers done in %d ms%n", WRITERS,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The stream holds exactly the acknowledged event ids, each at the sequence its append reported, at sequences
     * 1..N without a gap; each writer's events in the order it appended them.
     */
    private void assertStreamHolds(Map<String, Long> acknowledged) {
        List<RecordedEvent> events = TableTesting.streamsOn(store).stream(id).read();
        assertThat(events).extracting(RecordedEvent::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, acknowledged.size()).boxed().toList());
        Map<String, Long> stored = new HashMap<>();
        events.forEach(e -> stored.put(e.eventId(), e.sequence()));
        assertThat(stored).isEqualTo(acknowledged);
        for (RecordedEvent event : events) {
            ThingHappened thing = event.payloadAs(ThingHappened.class);
            if (thing.number() > 0 && !thing.text().equals("recreated")) {
                String previous = event.eventId().substring(0, event.eventId().lastIndexOf('-') + 1) + (thing.number() - 1);
                assertThat(stored.get(previous)).as("the event before %s of its writer", event.eventId())
                        .isLessThan(event.sequence());
            }
        }
    }
}
