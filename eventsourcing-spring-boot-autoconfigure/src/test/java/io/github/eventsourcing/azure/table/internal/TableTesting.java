package io.github.eventsourcing.azure.table.internal;

import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.EventStoreLimits;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.internal.AppendOutcomeCheck;
import io.github.eventsourcing.azure.stream.internal.DefaultEventStreams;
import io.github.eventsourcing.azure.stream.internal.EventSerializer;
import io.github.eventsourcing.azure.stream.internal.EventTypeRegistry;
import io.github.eventsourcing.azure.stream.internal.NewStreamKeys;
import io.github.eventsourcing.azure.stream.internal.StorageObjectMapper;
import io.github.eventsourcing.azure.stream.internal.StreamVersions;
import io.github.eventsourcing.azure.test.contract.ContractEvents.BlobAttached;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

/** What the Table backend's own tests share: the public API over a store, fresh names, and a raw look at storage. */
final class TableTesting {

    /** A plain client, without test policies, to look at what the store wrote. */
    private static final TableServiceClient RAW = AzuriteTables.client(new AzureTableLimitsPolicy());

    private TableTesting() {
    }

    static EventStreams streamsOn(EventStore store) {
        return streamsOn(store, AppendOutcomeCheck.DEFAULT_TIMEOUT);
    }

    /** Streams whose appends of unknown outcome are looked for during {@code outcomeCheckTimeout}. */
    static EventStreams streamsOn(EventStore store, Duration outcomeCheckTimeout) {
        return new DefaultEventStreams(EventStoreRouter.single(store),
                new EventSerializer(StorageObjectMapper.create(),
                        new EventTypeRegistry(List.of(ThingHappened.class, BlobAttached.class), List.of())),
                EventStoreLimits.DEFAULT, Clock.systemUTC(), List.of(), NewStreamKeys.STRICT,
                new StreamVersions(StreamVersions.DEFAULT_SIZE), new AppendOutcomeCheck(outcomeCheckTimeout));
    }

    /** A domain no other test uses, so each test starts from empty tables. */
    static String freshDomain() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static StreamId freshStream(String domain) {
        return StreamId.of(domain, "Account", "k-" + UUID.randomUUID());
    }

    static List<Object> things(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> (Object) new ThingHappened("event " + i, i)).toList();
    }

    /** Every row of the stream's partition, whatever the store makes of it, in row-key order. */
    static List<TableEntity> rowsOf(TableEventStore store, StreamId id) {
        ListEntitiesOptions partition = new ListEntitiesOptions().setFilter(
                ODataFilter.inPartition(KeyEscaping.partitionKeyOf(id.instanceKey()), "RowKey ge ''"));
        try {
            return StreamSupport.stream(RAW.getTableClient(store.tableNameFor(id.type()))
                    .listEntities(partition, null, null).spliterator(), false).toList();
        } catch (RuntimeException tableMissing) {
            if (TableFailures.isTableNotFound(tableMissing)) {
                return List.of();
            }
            throw tableMissing;
        }
    }

    static List<String> rowKeysOf(TableEventStore store, StreamId id) {
        return rowsOf(store, id).stream().map(TableEntity::getRowKey).toList();
    }

    static boolean tableExists(TableEventStore store, StreamId.StreamType type) {
        String name = store.tableNameFor(type);
        return RAW.listTables().stream().anyMatch(table -> table.getName().equalsIgnoreCase(name));
    }
}
