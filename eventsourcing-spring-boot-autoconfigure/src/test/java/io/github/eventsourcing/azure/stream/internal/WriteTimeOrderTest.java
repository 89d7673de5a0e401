package io.github.eventsourcing.azure.stream.internal;

import io.github.eventsourcing.azure.memory.internal.InMemoryEventStore;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.EventStoreLimits;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.ReadOptions;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WriteTimeOrderTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    /** Two application instances writing one stream, the second with a clock a minute behind. */
    private final InMemoryEventStore store = new InMemoryEventStore();
    private final EventStream onTime = streamsAt(T0.plusSeconds(60)).stream(ID);
    private final EventStream late = streamsAt(T0).stream(ID);

    private static final StreamId ID = StreamId.of("Bank", "Account", "skewed");

    private DefaultEventStreams streamsAt(Instant now) {
        return new DefaultEventStreams(EventStoreRouter.single(store),
                new EventSerializer(StorageObjectMapper.create(), new EventTypeRegistry()), EventStoreLimits.DEFAULT,
                Clock.fixed(now, ZoneOffset.UTC), List.of());
    }

    @Test
    @DisplayName("an event written by a writer whose clock is behind reads as written no earlier than the one before it")
    void writeTimesNeverGoBackwards() {
        onTime.append(new ThingHappened("first", 1));
        late.append(new ThingHappened("second, from a slow clock", 2));

        List<RecordedEvent> events = onTime.read();
        assertThat(events).extracting(RecordedEvent::writtenAt)
                .containsExactly(T0.plusSeconds(60), T0.plusSeconds(60));
    }

    @Test
    @DisplayName("so reading as of a time is always a prefix of the stream, never a selection from it")
    void asOfIsAPrefix() {
        onTime.append(new ThingHappened("first", 1));
        late.append(new ThingHappened("second, from a slow clock", 2));

        // The second event was stamped T0 by its writer, before the first one's time; it still may not be read
        // without the first.
        assertThat(onTime.read(ReadOptions.asOf(T0.plusSeconds(30)))).isEmpty();
        assertThat(onTime.read(ReadOptions.asOf(T0.plusSeconds(60)))).extracting(RecordedEvent::sequence)
                .containsExactly(1L, 2L);
    }
}
