package io.github.eventsourcing.azure.command.internal;

import io.github.eventsourcing.azure.autoconfigure.AppendBlobEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.InMemoryEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.TableEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.command.CommandAutoConfiguration;
import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.command.transfers.LedgerApplication;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.test.Azurite;
import io.github.eventsourcing.azure.testing.ObservedStreams;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The list of recently started commands, in pages of 3 so that a few entries cross pages, on every backend. */
@DisplayName("The list of recent commands")
class RecentCommandListTests {

    private static final int PAGE = 3;

    private static final ApplicationContextRunner LEDGER = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class,
                    InMemoryEventStoreAutoConfiguration.class, TableEventStoreAutoConfiguration.class,
                    AppendBlobEventStoreAutoConfiguration.class, CommandAutoConfiguration.class))
            .withUserConfiguration(LedgerApplication.class);

    private final CommandType type = CommandType.of("Ledger", "T" + UUID.randomUUID().toString().substring(0, 8));

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"in-memory", "table", "append-blob"})
    @DisplayName("lists the latest entries newest first across pages, each once, and keeps every page short")
    void newestFirstAcrossPages(String backend) {
        on(backend, streams -> {
            RecentCommandList list = new RecentCommandList(streams, PAGE);
            IntStream.rangeClosed(1, 8).forEach(i -> list.enter(type, "c" + i));
            list.enter(type, "c8"); // a repeated start, in the same page: nothing new
            list.enter(type, "c2"); // a start repeated after its page filled: listed at its newest place

            assertThat(list.latest(type, 5)).containsExactly("c2", "c8", "c7", "c6", "c5");
            assertThat(list.latest(type, 1)).containsExactly("c2");
            assertThat(list.latest(type, 3)).containsExactly("c2", "c8", "c7");
            assertThat(IntStream.rangeClosed(0, 3).mapToLong(page -> page(streams, page).version()))
                    .as("page lengths").containsExactly(3L, 3L, 3L, 0L);
        });
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"in-memory", "table", "append-blob"})
    @DisplayName("takes an entry whose writer knew an old page into the current page, where listings find it")
    void writerBehindCatchesUp(String backend) {
        on(backend, streams -> {
            RecentCommandList behind = new RecentCommandList(streams, PAGE);
            RecentCommandList other = new RecentCommandList(streams, PAGE);
            behind.enter(type, "first");
            IntStream.rangeClosed(1, 7).forEach(i -> other.enter(type, "o" + i));
            behind.enter(type, "late");

            assertThat(other.latest(type, 2)).containsExactly("late", "o7");
            assertThat(behind.latest(type, 10)).containsExactly("late", "o7", "o6", "o5", "o4", "o3", "o2", "o1",
                    "first");
        });
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"in-memory", "table"})
    @DisplayName("reads a few streams and about the entries it lists, however many commands there are")
    void boundedCost(String backend) {
        on(backend, streams -> {
            RecentCommandList list = new RecentCommandList(streams, PAGE);
            IntStream.rangeClosed(1, 13).forEach(i -> list.enter(type, "c" + i)); // the last page holds one
            AtomicInteger roundTrips = new AtomicInteger();
            AtomicInteger eventsRead = new AtomicInteger();
            EventStreams counting = ObservedStreams.of(streams, (stream, method, result) -> {
                if (method.equals("version") || method.equals("read")) {
                    roundTrips.incrementAndGet();
                }
                if (result instanceof List<?> events) {
                    eventsRead.addAndGet(events.size());
                }
            });
            List<String> latest = new RecentCommandList(counting, PAGE).latest(type, 3);

            assertThat(latest).containsExactly("c13", "c12", "c11");
            assertThat(roundTrips).as("version and read calls").hasValueLessThanOrEqualTo(4);
            assertThat(eventsRead).as("events read").hasValueLessThanOrEqualTo(3);
        });
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"in-memory"})
    @DisplayName("refuses a limit outside 1 to 1000, saying so")
    void limits(String backend) {
        on(backend, streams -> {
            RecentCommandList list = new RecentCommandList(streams);
            assertThat(list.latest(type, 1000)).isEmpty();
            assertThatThrownBy(() -> list.latest(type, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must be 1 to 1000, not 0");
            assertThatThrownBy(() -> list.latest(type, 1001)).isInstanceOf(IllegalArgumentException.class);
        });
    }

    private EventStream page(EventStreams streams, long page) {
        return streams.stream(type.recentListType().instance("page-" + page));
    }

    private void on(String backend, Consumer<EventStreams> scenario) {
        ApplicationContextRunner runner = LEDGER.withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=" + backend);
        if (!backend.equals("in-memory")) {
            runner = runner.withPropertyValues(
                    "eventsourcing.connections.default.connection-string=" + Azurite.get().connectionString());
        }
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            scenario.accept(context.getBean(EventStreams.class));
        });
    }
}
