package io.github.eventsourcing.azure.notification.internal;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.github.eventsourcing.azure.blob.internal.AppendBlobEventStore;
import io.github.eventsourcing.azure.spi.ChangeIndex;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.table.internal.TableEventStore;
import io.github.eventsourcing.azure.test.Azurite;
import io.github.eventsourcing.azure.test.eventgrid.DeliveredNotifications;
import io.github.eventsourcing.azure.test.eventgrid.EventGridStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 19, ask 2: a poll reads the change index only, and the slow sweep finds what the index lacks. Real backends
 * on Azurite, every request they send recorded, the real Event Grid client and a local topic.
 */
@DisplayName("Polls read the change index; the sweep finds what it lacks")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChangeIndexPollingTest {

    @EventName("Account Opened")
    record AccountOpened(String owner) {
    }

    /** Polls every 100 ms; the sweep at start only, unless a test says otherwise. */
    static NotificationDispatcher.Settings polls(Duration sweepInterval) {
        return new NotificationDispatcher.Settings(Duration.ofMillis(100), Duration.ZERO, Duration.ofMillis(20),
                Duration.ofMillis(250), 100, 2, 10_000, 10, Duration.ofSeconds(1), sweepInterval);
    }

    enum Backend {
        TABLE, APPEND_BLOB;

        EventStore open(String prefix, HttpPipelinePolicy recorder) {
            return open(Azurite.get().connectionString(), prefix, recorder);
        }

        EventStore open(String connection, String prefix, HttpPipelinePolicy recorder) {
            return this == TABLE
                    ? new TableEventStore(new TableServiceClientBuilder().connectionString(connection)
                            .addPolicy(recorder).buildClient(), prefix)
                    : new AppendBlobEventStore(new BlobServiceClientBuilder().connectionString(connection)
                            .addPolicy(recorder).buildClient(), prefix);
        }
    }

    /** Records the method and URL of every request a client sends. */
    static final class Requests implements HttpPipelinePolicy {

        private final List<String> sent = new CopyOnWriteArrayList<>();

        @Override
        public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
            sent.add(context.getHttpRequest().getHttpMethod() + " " + context.getHttpRequest().getUrl());
            return next.processSync();
        }

        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            return Mono.defer(() -> {
                sent.add(context.getHttpRequest().getHttpMethod() + " " + context.getHttpRequest().getUrl());
                return next.process();
            });
        }

        int count() {
            return sent.size();
        }

        List<String> since(int mark) {
            return List.copyOf(sent.subList(mark, sent.size()));
        }

        /** The first request of a full search: listing the store's tables or containers, i.e. its stream types. */
        static boolean listsStreamTypes(String request) {
            return request.contains("/Tables") || request.contains("comp=list") && !request.contains("restype=container");
        }

        long indexReads(String prefix) {
            return sent.stream().filter(request -> request.startsWith("GET ")
                    && request.contains("/" + prefix + "changes")).count();
        }
    }

    private final List<AutoCloseable> running = new ArrayList<>();
    private final EventGridStub topic = EventGridStub.http();
    private final String prefix = "ix" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final Requests requests = new Requests();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : running) {
            closeable.close();
        }
        topic.close();
    }

    private NotifyingApp app(EventStore store, Duration sweepInterval) {
        NotifyingApp app = new NotifyingApp(store, topic, polls(sweepInterval), List.of(AccountOpened.class));
        running.add(app);
        return app;
    }

    /** Waits until the start's sweep is over: quick polls read the index after it. */
    private void awaitQuickPolls(int polls) {
        long before = requests.indexReads(prefix);
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.indexReads(prefix) >= before + polls);
    }

    private boolean delivered(String key) {
        return DeliveredNotifications.of(topic).stream().anyMatch(d -> d.instanceKey().equals(key));
    }

    private static List<StreamId> entries(EventStore store) {
        List<StreamId> found = new ArrayList<>();
        index(store).forEachEntry(null, found::add);
        return found;
    }

    private static ChangeIndex index(EventStore store) {
        return store.changeFeed().orElseThrow().index().orElseThrow();
    }

    /** An instance without a dispatcher: it appends, and may write the index entry its dispatcher would write. */
    private StreamId writeFromInstanceThatWentAway(Backend backend, String key, boolean withIndexEntry) {
        EventStore other = backend.open(prefix, new Requests());
        NotifyingApp writer = new NotifyingApp(other, topic, polls(Duration.ofHours(1)), List.of(AccountOpened.class));
        writer.dispatcher.close(); // gone before it could publish or index anything
        StreamId id = writer.account(key).id();
        writer.account(key).append(List.of(new AccountOpened(key)), AppendOptions.DEFAULT);
        if (withIndexEntry) {
            index(other).add(List.of(id));
        }
        return id;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    @DisplayName("a change another instance indexed is found by a poll that reads the index, not the stored streams")
    void indexedChangeFoundWithoutFullSearch(Backend backend) {
        EventStore store = backend.open(prefix, requests);
        app(store, Duration.ofHours(1));
        awaitQuickPolls(2);
        int mark = requests.count();

        StreamId id = writeFromInstanceThatWentAway(backend, "A-1", true);

        await().atMost(Duration.ofSeconds(30)).until(() -> delivered("A-1"));
        assertThat(requests.since(mark)).noneMatch(Requests::listsStreamTypes);
        await().atMost(Duration.ofSeconds(10)).until(() -> !entries(store).contains(id));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    @DisplayName("a change without an index entry (lost in a crash, or written before the index existed) is left by "
            + "polls and found by the sweep")
    void changeWithoutEntryFoundBySweep(Backend backend) {
        EventStore store = backend.open(prefix, requests);
        NotifyingApp first = app(store, Duration.ofHours(1));
        awaitQuickPolls(2);

        writeFromInstanceThatWentAway(backend, "L-1", false);
        awaitQuickPolls(10);
        assertThat(delivered("L-1")).as("found by a quick poll").isFalse();
        first.close();

        // A dispatcher sweeping every 700 ms: its start's sweep finds L-1, a later one L-2.
        app(store, Duration.ofMillis(700));
        await().atMost(Duration.ofSeconds(30)).until(() -> delivered("L-1"));
        awaitQuickPolls(1);
        writeFromInstanceThatWentAway(backend, "L-2", false);
        await().atMost(Duration.ofSeconds(30)).until(() -> delivered("L-2"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    @DisplayName("a write keeps its stream in the index while its notifications are unpublished, and leaves it once "
            + "they are")
    void entryLivesAsLongAsTheChange(Backend backend) {
        EventStore store = backend.open(prefix, requests);
        NotifyingApp app = app(store, Duration.ofHours(1));
        topic.answer(503);
        StreamId id = app.account("P-1").id();

        app.account("P-1").append(List.of(new AccountOpened("P-1")), AppendOptions.DEFAULT);

        await().atMost(Duration.ofSeconds(10)).until(() -> entries(store).contains(id));
        topic.answer(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> delivered("P-1"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !entries(store).contains(id));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    @DisplayName("an entry written twice is one entry, names its stream exactly, and removing a missing one is harmless")
    void entriesAreIdempotent(Backend backend) {
        EventStore store = backend.open(prefix, requests);
        ChangeIndex index = index(store);
        StreamId plain = StreamId.of("Bank", "Account", "I-1");
        StreamId unusual = StreamId.of("Bank", "Account", "Zoë/ü 100% ?&=#~");
        assertThat(entries(store)).as("no index yet").isEmpty();

        index.add(List.of(plain, unusual, plain));
        index.add(List.of(unusual));

        assertThat(entries(store)).containsExactlyInAnyOrder(plain, unusual);
        index.remove(plain);
        index.remove(plain);
        index.remove(StreamId.of("Bank", "Account", "never-indexed"));
        assertThat(entries(store)).containsExactly(unusual);
    }
}
