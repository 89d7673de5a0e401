package io.github.eventsourcing.azure.blob.internal;

import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.ReadOptions;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.client;
import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.streamsOn;
import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.uniqueDomain;
import static org.assertj.core.api.Assertions.assertThat;

/** Reads from a later sequence of a stream the process knows start at a remembered position, not at the beginning. */
@Timeout(120)
@DisplayName("AppendBlob: reads from a later sequence of a known stream")
class AppendBlobPositionedReadTest {

    private final String domain = uniqueDomain();
    private final RequestLog wire = new RequestLog();
    private final EventStreams streams = streamsOn(new AppendBlobEventStore(client(wire), "positions"));
    private final EventStreams otherInstance = streamsOn(new AppendBlobEventStore(client(), "positions"));

    private static List<Object> things(String text, int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> (Object) new ThingHappened(text, i)).toList();
    }

    private static List<Long> sequences(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    @DisplayName("each read is one request that brings exactly the events from the wanted sequence on")
    void readsFromRememberedPositions() {
        EventStream stream = streams.stream(domain, "Account", "known");
        stream.appendNonAtomically(things("x", 1, 1_000), WriteContext.EMPTY);
        stream.append(things("y", 1_001, 1_003), io.github.eventsourcing.azure.stream.AppendOptions.expectingVersion(1_000));

        for (long from : new long[]{2, 128, 129, 130, 500, 999, 1_000, 1_001, 1_003}) {
            wire.clear();
            assertThat(stream.read(ReadOptions.from(from))).as("from " + from)
                    .extracting(RecordedEvent::sequence).containsExactlyElementsOf(sequences(from, 1_003));
            assertThat(wire.kinds()).as("from " + from).containsExactly("GET blob");
        }
        wire.clear();
        assertThat(stream.read(ReadOptions.from(990).withToSequence(995))).extracting(RecordedEvent::sequence)
                .containsExactlyElementsOf(sequences(990, 995));
        assertThat(wire.requests()).singleElement().matches(request -> request.responseBytes() < 32 * 1024,
                "downloads the end of the stream only");
        assertThat(stream.read(ReadOptions.from(1_004))).isEmpty();
    }

    @Test
    @DisplayName("a stream deleted and re-created elsewhere is read as it is now, not at a remembered position")
    void stalePositions() {
        EventStream stream = streams.stream(domain, "Account", "re-created");
        stream.appendNonAtomically(things("old", 1, 300), WriteContext.EMPTY);
        EventStream elsewhere = otherInstance.stream(stream.id());
        assertThat(elsewhere.delete()).isTrue();

        assertThat(stream.read(ReadOptions.from(200))).as("deleted").isEmpty();

        elsewhere.appendNonAtomically(things("new", 1, 260), WriteContext.EMPTY);
        assertThat(stream.read(ReadOptions.from(200)))
                .extracting(RecordedEvent::sequence, event -> event.payloadAs(ThingHappened.class).text())
                .containsExactlyElementsOf(LongStream.rangeClosed(200, 260)
                        .mapToObj(sequence -> org.assertj.core.groups.Tuple.tuple(sequence, "new")).toList());
    }

    @Test
    @DisplayName("a read that starts in a full segment goes on into the segments after it")
    void acrossSegments() {
        EventStreams small = streamsOn(new AppendBlobEventStore(client(), "positions",
                AppendBlobSettings.DEFAULT.withMaxBlocksPerSegment(3)));
        EventStream stream = small.stream(domain, "Account", "segments");
        for (int i = 1; i <= 10; i++) {
            stream.append(new ThingHappened("e", i)); // one block each: segments of 3 events
        }
        for (long from = 2; from <= 10; from++) {
            assertThat(stream.read(ReadOptions.from(from))).as("from " + from).extracting(RecordedEvent::sequence)
                    .containsExactlyElementsOf(sequences(from, 10));
        }
    }
}
