package io.github.eventsourcing.azure.table.internal;

import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.StreamRecreatedDuringReadException;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import static io.github.eventsourcing.azure.table.internal.TableTesting.freshDomain;
import static io.github.eventsourcing.azure.table.internal.TableTesting.freshStream;
import static io.github.eventsourcing.azure.table.internal.TableTesting.things;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A read of several pages only sees the header on its first page; the stream may be deleted and created anew before
 * the next page. Such a read must not hand over the old stream's events followed by the new one's.
 */
@DisplayName("Table: a stream deleted and re-created between two pages of a read")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TableRecreatedDuringReadTest {

    private final StreamId id = freshStream(freshDomain());
    /** The other application instance, which deletes and re-creates the stream. */
    private final EventStreams other = TableTesting.streamsOn(new TableEventStore(AzuriteTables.client(
            new AzureTableLimitsPolicy())));

    @Test
    @DisplayName("is refused, not returned as the old stream's first page followed by the new stream's events")
    void joinedLivesAreRefused() {
        other.stream(id).appendNonAtomically(things(1, 250), WriteContext.EMPTY);
        EventStream reader = readerThatRecreatesBeforeItsSecondPage(id, 400);

        assertThatThrownBy(reader::read).isInstanceOf(StreamRecreatedDuringReadException.class)
                .hasMessageContaining(id.toString());

        assertThat(reader.read()).as("read again: the new stream alone")
                .extracting(event -> event.payloadAs(ThingHappened.class).text())
                .first().isEqualTo("new life 1");
        assertThat(reader.read()).extracting(RecordedEvent::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 400).boxed().toList());
    }

    @Test
    @DisplayName("a read of one page needs no check, and a read of several pages of an unchanged stream passes it")
    void unchangedStreamsReadAsBefore() {
        other.stream(id).appendNonAtomically(things(1, 250), WriteContext.EMPTY);
        EventStream reader = TableTesting.streamsOn(new TableEventStore(AzuriteTables.client(
                new AzureTableLimitsPolicy()))).stream(id);

        assertThat(reader.read()).hasSize(250);
        assertThat(reader.read(io.github.eventsourcing.azure.stream.ReadOptions.from(240))).hasSize(11);
    }

    /** A reader whose client, just before the second page of its first read, has the stream re-created. */
    private EventStream readerThatRecreatesBeforeItsSecondPage(StreamId stream, int newEvents) {
        TestPolicy recreate = new TestPolicy() {
            private boolean done;

            @Override
            HttpResponse handle(HttpRequest request, Supplier<HttpResponse> send) {
                boolean laterPage = isQuery(request) && String.valueOf(request.getUrl().getQuery())
                        .contains("NextRowKey");
                if (laterPage && !done) {
                    done = true;
                    other.stream(stream).delete();
                    other.stream(stream).appendNonAtomically(java.util.stream.IntStream.rangeClosed(1, newEvents)
                            .mapToObj(i -> (Object) new ThingHappened("new life " + i, i)).toList(),
                            WriteContext.EMPTY);
                }
                return send.get();
            }
        };
        return TableTesting.streamsOn(new TableEventStore(AzuriteTables.client(new AzureTableLimitsPolicy(),
                recreate))).stream(stream);
    }
}
