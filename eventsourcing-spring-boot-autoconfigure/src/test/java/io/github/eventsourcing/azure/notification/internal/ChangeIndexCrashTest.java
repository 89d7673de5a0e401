package io.github.eventsourcing.azure.notification.internal;

import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.test.Azurite;
import io.github.eventsourcing.azure.test.eventgrid.DeliveredNotifications;
import io.github.eventsourcing.azure.test.eventgrid.EventGridStub;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Issue 19, ask 2: the sweep is the safety net for an index entry lost in a crash. A writer in a JVM of its own
 * ({@link ChangeIndexCrashVictim}) is killed with SIGKILL after its append returned and before its stream's index
 * entry was written (and before it published anything); a survivor in this JVM, polling the index every 100 ms and
 * sweeping every second, publishes the change through the real Event Grid client to a local topic.
 */
@DisplayName("A change whose index entry died with its writer")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChangeIndexCrashTest {

    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);

    @ParameterizedTest(name = "{0}: is found by the survivor's sweep and published, each event once")
    @EnumSource(ChangeIndexPollingTest.Backend.class)
    void foundBySweepAfterWriterKilled(ChangeIndexPollingTest.Backend backend) throws Exception {
        String prefix = "cx" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String key = "K-1";
        ChangeIndexPollingTest.Requests requests = new ChangeIndexPollingTest.Requests();
        EventStore store = backend.open(prefix, requests);
        StreamId id = StreamId.of("Bank", "Account", key);
        try (EventGridStub topic = EventGridStub.http();
             NotifyingApp survivor = new NotifyingApp(store, topic, ChangeIndexPollingTest.polls(SWEEP_INTERVAL),
                     List.of(ChangeIndexPollingTest.AccountOpened.class))) {

            try (Writer writer = Writer.start(backend, prefix, key)) {
                writer.awaitLine(ChangeIndexCrashVictim.APPENDED + " " + key);
                writer.awaitLine(ChangeIndexCrashVictim.PAUSED + " [" + id + "]");
                writer.kill();
            }
            List<StreamId> entries = new ArrayList<>();
            store.changeFeed().orElseThrow().index().orElseThrow().forEachEntry(null, entries::add);
            assertThat(entries).as("index entries after the crash: a poll cannot find the change").doesNotContain(id);

            await().atMost(Duration.ofSeconds(30)).until(() -> deliveredOf(topic, key).size() >= 3
                    && store.changeFeed().orElseThrow().read(id, 10).isEmpty());
            // Sweeps go on finding nothing more to publish.
            long sweeps = sweeps(requests);
            await().atMost(Duration.ofSeconds(30)).until(() -> sweeps(requests) >= sweeps + 2);
            List<DeliveredNotifications.Delivered> delivered = deliveredOf(topic, key);
            assertThat(delivered).extracting(DeliveredNotifications.Delivered::kind,
                    DeliveredNotifications.Delivered::sequence).containsExactly(tuple("NewEntity", 0L),
                    tuple("NewEvent", 1L), tuple("NewEvent", 2L));
            assertThat(DeliveredNotifications.distinctIds(delivered)).hasSize(3);
        }
    }

    private static List<DeliveredNotifications.Delivered> deliveredOf(EventGridStub topic, String key) {
        return DeliveredNotifications.of(topic).stream().filter(d -> d.instanceKey().equals(key)).toList();
    }

    private static long sweeps(ChangeIndexPollingTest.Requests requests) {
        return requests.since(0).stream().filter(ChangeIndexPollingTest.Requests::listsStreamTypes).count();
    }

    /** The victim's JVM, started from this test's class path, its output collected line by line. */
    private static final class Writer implements AutoCloseable {

        private final Process process;
        private final List<String> lines = new CopyOnWriteArrayList<>();

        private Writer(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    out.lines().forEach(lines::add);
                } catch (IOException | RuntimeException ended) {
                    // the process is gone
                }
            }, "crash-victim-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Writer start(ChangeIndexPollingTest.Backend backend, String prefix, String key) throws IOException {
            return new Writer(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    ChangeIndexCrashVictim.class.getName(), backend.name(), Azurite.get().connectionString(), prefix,
                    key).redirectErrorStream(true).start());
        }

        void awaitLine(String line) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .failFast("the writer ended:\n" + String.join("\n", lines), () -> !process.isAlive())
                    .until(() -> lines.contains(line));
        }

        /** SIGKILL: the process ends at once, its index upkeep in the middle of its work. */
        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            kill();
        }
    }
}
