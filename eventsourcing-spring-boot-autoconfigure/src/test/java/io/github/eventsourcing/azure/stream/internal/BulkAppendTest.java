package io.github.eventsourcing.azure.stream.internal;

import io.github.eventsourcing.azure.spi.AppendRequest;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.EventIdConflictException;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventTooLargeException;
import io.github.eventsourcing.azure.stream.ExpectedVersion;
import io.github.eventsourcing.azure.stream.NewEvent;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.UnknownEventTypeException;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;
import io.github.eventsourcing.azure.testing.ForwardingEventStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Bulk (non-atomic) appends")
class BulkAppendTest {

    /** The in-memory store, remembering the version each append expected; may run code after the n-th append. */
    private static final class RecordingStore extends ForwardingEventStore {
        final List<Long> expectedVersions = new CopyOnWriteArrayList<>();
        Runnable afterFirstAppend = () -> {
        };

        @Override
        public String backendName() {
            return "recording";
        }

        @Override
        public AppendResult append(StreamId id, AppendRequest request) {
            expectedVersions.add(request.expectedVersion());
            AppendResult result = super.append(id, request);
            if (expectedVersions.size() == 1) {
                afterFirstAppend.run();
            }
            return result;
        }
    }

    private final RecordingStore store = new RecordingStore();
    private final DefaultEventStreams streams = new DefaultEventStreams(EventStoreRouter.single(store),
            new EventSerializer(StorageObjectMapper.create(), new EventTypeRegistry(List.of(ThingHappened.class),
                    List.of())));
    private final EventStream stream = streams.stream(StreamId.of("Lab", "Bulk", "b-1"));

    private static List<Object> events(int from, int to) {
        return IntStream.rangeClosed(from, to)
                .mapToObj(i -> (Object) NewEvent.of(new ThingHappened("e" + i, i), "id-" + i)).toList();
    }

    @Test
    @DisplayName("the first chunk expects the version this process saw last, each later one the version the chunk before "
            + "it left, so no backend reads it")
    void laterChunksExpectTheVersion() {
        stream.append(new ThingHappened("first", 0));
        List<AppendResult> chunks = stream.appendNonAtomically(events(1, 120), WriteContext.EMPTY);

        assertThat(store.expectedVersions).containsExactly(ExpectedVersion.ANY, 1L, 50L, 99L);
        assertThat(chunks).extracting(AppendResult::firstSequence).containsExactly(2L, 51L, 100L);
        assertThat(stream.version()).isEqualTo(121);
    }

    @Test
    @DisplayName("when another writer appends between two chunks, the next chunk goes to the new end")
    void anotherWriterBetweenChunks() {
        store.afterFirstAppend = () -> streams.stream(stream.id()).append(new ThingHappened("other writer", -1));

        List<AppendResult> chunks = stream.appendNonAtomically(events(1, 60), WriteContext.EMPTY);

        assertThat(chunks).extracting(AppendResult::firstSequence, AppendResult::lastSequence)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 49L),
                        org.assertj.core.groups.Tuple.tuple(51L, 61L));
        List<Integer> expected = new ArrayList<>(IntStream.rangeClosed(1, 49).boxed().toList());
        expected.add(-1); // the other writer's event, between the chunks
        expected.addAll(IntStream.rangeClosed(50, 60).boxed().toList());
        assertThat(stream.read()).extracting(event -> event.payloadAs(ThingHappened.class).number())
                .containsExactlyElementsOf(expected);
        assertThat(store.expectedVersions).as("the second chunk expected 49, found 50, and went to the end")
                .containsExactly(ExpectedVersion.ANY, ExpectedVersion.ANY, 49L, ExpectedVersion.ANY);
    }

    @Test
    @DisplayName("a bulk append whose 99th event would be refused writes nothing, not the first chunks")
    void refusedInputWritesNothing() {
        record NotAnEvent(String x) {
        }
        List<Object> unknownType = new ArrayList<>(events(1, 100));
        unknownType.set(98, new NotAnEvent("no @EventName"));
        assertThatThrownBy(() -> stream.appendNonAtomically(unknownType, WriteContext.EMPTY))
                .isInstanceOf(UnknownEventTypeException.class);

        List<Object> tooLarge = new ArrayList<>(events(1, 100));
        tooLarge.set(98, new ThingHappened("x".repeat(300 * 1024), 99));
        assertThatThrownBy(() -> stream.appendNonAtomically(tooLarge, WriteContext.EMPTY))
                .isInstanceOf(EventTooLargeException.class);

        List<Object> repeatedId = new ArrayList<>(events(1, 100));
        repeatedId.set(98, NewEvent.of(new ThingHappened("again", 99), "id-3"));
        assertThatThrownBy(() -> stream.appendNonAtomically(repeatedId, WriteContext.EMPTY))
                .isInstanceOf(EventIdConflictException.class).hasMessageContaining("[id-3] appear twice");

        assertThat(store.expectedVersions).as("appends that reached the store").isEmpty();
        assertThat(stream.exists()).isFalse();
    }

    @Test
    @DisplayName("repeating a bulk append with the same event ids writes nothing and reports every chunk as applied")
    void repeatedBulkAppend() {
        stream.appendNonAtomically(events(1, 100), WriteContext.EMPTY);
        List<AppendResult> again = stream.appendNonAtomically(events(1, 100), WriteContext.EMPTY);

        assertThat(again).allMatch(AppendResult::alreadyApplied)
                .extracting(AppendResult::firstSequence).containsExactly(1L, 50L, 99L);
        assertThat(stream.read()).extracting(RecordedEvent::eventId)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 100).mapToObj(i -> "id-" + i).toList());
    }
}
