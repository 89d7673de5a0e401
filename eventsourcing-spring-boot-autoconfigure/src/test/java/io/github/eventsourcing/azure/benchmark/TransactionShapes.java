package io.github.eventsourcing.azure.benchmark;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import com.azure.data.tables.models.TableTransactionFailedException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventsourcing.azure.benchmark.BenchCase.Bar;
import io.github.eventsourcing.azure.notification.internal.BestEffortPublisher;
import io.github.eventsourcing.azure.notification.internal.EventGridNotificationPublisher;
import io.github.eventsourcing.azure.notification.internal.NotificationDispatcher;
import io.github.eventsourcing.azure.notification.internal.NotificationSwitches;
import io.github.eventsourcing.azure.notification.internal.StreamNotifier;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.table.internal.TableEventStore;
import io.github.eventsourcing.azure.test.eventgrid.EventGridClients;
import io.github.eventsourcing.azure.test.eventgrid.EventGridStub;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.github.eventsourcing.azure.benchmark.BenchEvents.deposit;
import static io.github.eventsourcing.azure.benchmark.RawTableRows.insert;

/**
 * Would fewer operations per append transaction pay (issue 16, ask 3)? At version v the library's transaction proves
 * the version by touching row {@code E-v} (an empty merge that fails unless the stream reached v) beside inserting the
 * id and event rows and merging the header. The other shape drops the touch and merges the header If-Match the ETag it
 * was read with (Azurite honours that inside a transaction: {@code ConditionalTransactionTest}): 3 operations instead
 * of 4 for one event. But the SDK hands back no ETag from a transaction, so that shape needs a read of the header
 * before every append, even when the process knows the version; and the notification dispatcher rewrites the header
 * after publishing, which changes its ETag, so a read can be stale by the time the transaction arrives.
 *
 * <p>Both shapes are written with the SDK, as the library's rows, into a table of a library store, one writer and
 * one stream each. Notifications are on: after every append the writer tells a real {@link NotificationDispatcher}, as
 * the library's {@link StreamNotifier} does; it publishes to a local Event Grid endpoint with the real client and then
 * records what it published in the header under an If-Match of its own.
 */
final class TransactionShapes implements AutoCloseable {

    /** Name of the side with the other shape; the current transaction is {@link Side#CURRENT}. */
    static final String IF_MATCH_HEAD = "if-match header";

    private static final int MAX_ATTEMPTS = 20;

    /** No other table of the benchmark starts with it. */
    private static final String TABLE_PREFIX = "shapes";

    private final EventGridStub topic = EventGridStub.http();
    private final NotificationDispatcher dispatcher;
    private final BestEffortPublisher bestEffort;
    private final StreamNotifier notifier;
    private final TableEventStore store;
    private final BenchClients clients;
    /** The raw sides' JSON, as in {@link TableCases}. */
    private final ObjectMapper json = new ObjectMapper();

    /**
     * The writers write to tables of a store of their own: the dispatcher polls only these (the other cases' streams
     * stay unpublished, so publishing costs them nothing), and its requests count for no side.
     */
    TransactionShapes(BenchClients clients) {
        this.store = new TableEventStore(clients.table(new RoundTrips()), TABLE_PREFIX);
        this.clients = clients;
        EventGridNotificationPublisher publisher = EventGridNotificationPublisher.eventGridSchema(
                EventGridClients.eventGridSas(topic), 1_000_000);
        dispatcher = new NotificationDispatcher(publisher, NotificationSwitches.defaults(),
                NotificationDispatcher.Settings.DEFAULT, Clock.systemUTC());
        dispatcher.register(store.changeFeed().orElseThrow());
        dispatcher.start();
        bestEffort = new BestEffortPublisher(publisher, 100); // for stores without a change feed: none here
        notifier = new StreamNotifier(type -> store, dispatcher, bestEffort, NotificationSwitches.defaults(),
                Clock.systemUTC());
    }

    /**
     * The two shapes, one event per append.
     *
     * @param warm    whether the writer knows the stream's version (as from the version cache: the library's
     *                expected-version, {@code append(e)} and {@code mustExist()} appends to a stream it has seen);
     *                otherwise it reads the header first (a stream the process has not seen)
     * @param streams a stream of the case per key
     */
    BenchCase compare(String id, boolean warm, java.util.function.Function<String, StreamId> streams,
                      int operationsPerRound) {
        Writer current = new Writer(Side.CURRENT, streams.apply("current"), warm, false);
        Writer ifMatch = new Writer(IF_MATCH_HEAD, streams.apply("if-match"), warm, true);
        String read = warm ? "" : "a point read of !HEAD, then ";
        List<String> work = List.of(
                "current transaction (the library's, with the SDK): " + read + "insert ID-<event id>, merge E-<v> "
                        + "(proves the version), insert E-<v+1>, merge !HEAD; "
                        + (warm ? "the version known from the last append, 1 round trip" : "2 round trips"),
                "if-match header: a point read of !HEAD for its ETag (the SDK's answer to a transaction tells none), "
                        + "then insert ID-<event id>, insert E-<v+1>, merge !HEAD If-Match that ETag; when the "
                        + "dispatcher changed the header in between, the transaction is turned down and the writer "
                        + "reads and tries again",
                "notifications on: after each append the dispatcher is told of it, publishes to a local Event Grid "
                        + "endpoint (real client) and merges the header If-Match (PublishedVersion, Pending)");
        return new BenchCase(id, "append 1 event" + (warm ? ", version known" : ", stream not seen")
                + ": If-Match on the header instead of touching E-v, notifications on (Table)", work,
                List.of(ifMatch, current), operationsPerRound, 1, false, Bar.none());
    }

    @Override
    public void close() {
        dispatcher.close();
        bestEffort.close();
        topic.close();
    }

    /** One writer appending one event at a time to a stream of its own, in one of the two shapes. */
    private final class Writer implements Side {

        private final String name;
        private final RoundTrips trips = new RoundTrips();
        private final TableClient table;
        private final StreamId id;
        private final String partitionKey;
        private final boolean warm;
        private final boolean ifMatchHead;
        private long version;
        private long staleReads;

        Writer(String name, StreamId id, boolean warm, boolean ifMatchHead) {
            this.name = name;
            this.id = id;
            this.partitionKey = id.instanceKey();
            this.warm = warm;
            this.ifMatchHead = ifMatchHead;
            this.table = clients.table(trips).getTableClient(store.tableNameFor(id.type()));
            clients.table(new RoundTrips()).createTableIfNotExists(store.tableNameFor(id.type()));
            // Created before measuring: every measured append is one to an existing stream.
            String eventId = UUID.randomUUID().toString();
            byte[] data = json(1);
            table.submitTransaction(List.of(
                    insert(RawTableRows.eventId(partitionKey, eventId, 1, UUID.randomUUID().toString(), data)),
                    insert(RawTableRows.event(partitionKey, 1, eventId, data, now())),
                    insert(RawTableRows.newHead(partitionKey, 1, now(), id.type().domain()))));
            version = 1;
            notifier.appended(id, new AppendResult(true, 1, 1, false));
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public RoundTrips roundTrips() {
            return trips;
        }

        @Override
        public void operation() {
            for (int attempt = 1; ; attempt++) {
                TableEntity head = ifMatchHead || !warm ? table.getEntity(partitionKey, RawTableRows.HEAD) : null;
                long at = head == null ? version : (Long) head.getProperty("Version");
                try {
                    table.submitTransaction(transaction(at, head));
                    version = at + 1;
                    break;
                } catch (TableTransactionFailedException turnedDown) {
                    // Only a header changed since it was read turns down a lone writer's transaction.
                    if (!ifMatchHead || attempt == MAX_ATTEMPTS) {
                        throw turnedDown;
                    }
                    staleReads++;
                }
            }
            notifier.appended(id, new AppendResult(false, version, version, false));
        }

        private List<TableTransactionAction> transaction(long at, TableEntity head) {
            String eventId = UUID.randomUUID().toString();
            byte[] data = json(at + 1);
            List<TableTransactionAction> actions = new ArrayList<>(4);
            actions.add(insert(RawTableRows.eventId(partitionKey, eventId, at + 1, UUID.randomUUID().toString(), data)));
            if (!ifMatchHead) {
                actions.add(RawTableRows.proof(partitionKey, at));
            }
            actions.add(insert(RawTableRows.event(partitionKey, at + 1, eventId, data, now())));
            TableEntity update = RawTableRows.headUpdate(partitionKey, at + 1);
            actions.add(ifMatchHead
                    // The SDK sends this property as the If-Match header, not as a property of the row.
                    ? new TableTransactionAction(TableTransactionActionType.UPDATE_MERGE,
                            update.addProperty("odata.etag", head.getETag()), true)
                    : RawTableRows.merge(update));
            return actions;
        }

        @Override
        public List<String> notes() {
            return ifMatchHead ? List.of(name + " (" + (warm ? "version known" : "stream not seen") + "): "
                    + staleReads + " transactions turned down because the dispatcher had changed the header since it "
                    + "was read; the dispatcher published " + topic.accepted().size() + " requests in the run so far")
                    : List.of();
        }
    }

    private byte[] json(long n) {
        try {
            return json.writeValueAsBytes(deposit(n));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
