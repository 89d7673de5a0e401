package io.github.eventsourcing.azure.table.internal;

import com.azure.data.tables.models.TableEntity;
import io.github.eventsourcing.azure.spi.SnapshotStore.StoredSnapshot;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static io.github.eventsourcing.azure.table.internal.TableTesting.freshDomain;
import static io.github.eventsourcing.azure.table.internal.TableTesting.freshStream;
import static io.github.eventsourcing.azure.table.internal.TableTesting.rowsOf;
import static io.github.eventsourcing.azure.table.internal.TableTesting.things;
import static org.assertj.core.api.Assertions.assertThat;

/** What today's code writes is the current layout version (older versions are read by {@code StoredFormatTest}). */
@DisplayName("Table rows carry the layout's format version")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TableFormatVersionTest {

    private final TableEventStore store = new TableEventStore(AzuriteTables.client(new AzureTableLimitsPolicy()));
    private final EventStreams streams = TableTesting.streamsOn(store);

    @Test
    @DisplayName("the header, every event row and a snapshot row are written with the current version; id rows need none")
    void currentVersionOnEveryInterpretedRow() {
        EventStream stream = streams.stream(freshStream(freshDomain()));
        stream.append(things(1, 2).toArray());
        stream.append(things(3, 3).toArray());
        store.saveSnapshot(stream.id(), "Tally@v1", new StoredSnapshot(3, stream.read().get(2).eventId(),
                Instant.now(), "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(rowsOf(store, stream.id())).allSatisfy(row -> {
            if (row.getRowKey().startsWith(RowKeys.eventId(""))) {
                assertThat(row.getProperty(TableFormat.PROPERTY)).as(row.getRowKey()).isNull();
            } else {
                assertThat(row.getProperty(TableFormat.PROPERTY)).as(row.getRowKey()).isEqualTo(TableFormat.CURRENT);
            }
        }).extracting(TableEntity::getRowKey).contains(RowKeys.HEAD, RowKeys.event(3), RowKeys.snapshot("Tally@v1"));
    }
}
