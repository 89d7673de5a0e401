package io.github.eventsourcing.azure.readmodel;

import io.github.eventsourcing.azure.autoconfigure.AppendBlobEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.InMemoryEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.ReadModelAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.TableEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.notification.NotificationAutoConfiguration;
import io.github.eventsourcing.azure.deadletter.DeadLetters;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.readmodel.Accounts.Balance;
import io.github.eventsourcing.azure.readmodel.Accounts.Moved;
import io.github.eventsourcing.azure.readmodel.Accounts.Opened;
import io.github.eventsourcing.azure.readmodel.internal.ReadModelUpdater;
import io.github.eventsourcing.azure.readmodel.internal.ReadModelsHealthIndicator;
import io.github.eventsourcing.azure.spi.DeadLetter;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.spi.ReadModelStore;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.test.Azurite;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 19, ask 1: read models kept by the real auto-configuration, with notifications off (the dispatcher runs for
 * the read models alone), on every backend: in memory, and on Azurite with events in Table storage and in AppendBlob
 * (rows then in the Table storage of the configured connection).
 */
@DisplayName("Read models")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ReadModelScenarioTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    enum Backend {
        IN_MEMORY, TABLE, APPEND_BLOB;

        /** With the read model of balances. */
        ApplicationContextRunner runner(String prefix) {
            return storage(prefix).withUserConfiguration(Balances.class);
        }

        /** Accounts without any read model. */
        ApplicationContextRunner storage(String prefix) {
            ApplicationContextRunner runner = new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class,
                            InMemoryEventStoreAutoConfiguration.class, TableEventStoreAutoConfiguration.class,
                            AppendBlobEventStoreAutoConfiguration.class, NotificationAutoConfiguration.class,
                            ReadModelAutoConfiguration.class))
                    .withUserConfiguration(Accounts.class)
                    .withPropertyValues("eventsourcing.read-models.refresh-interval=200ms");
            return switch (this) {
                case IN_MEMORY -> runner.withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=in-memory");
                case TABLE -> runner.withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=table",
                        "eventsourcing.connections.default.connection-string=" + Azurite.get().connectionString(),
                        "eventsourcing.table.table-name-prefix=" + prefix);
                case APPEND_BLOB -> runner.withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=append-blob",
                        "eventsourcing.connections.default.connection-string=" + Azurite.get().connectionString(),
                        "eventsourcing.append-blob.container-prefix=" + prefix,
                        "eventsourcing.read-models.connection=default",
                        "eventsourcing.read-models.table-name-prefix=" + prefix);
            };
        }
    }

    private final String prefix = "rm" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @AfterEach
    void heal() {
        Accounts.failOnPoison = false;
    }

    private static StreamId account(String key) {
        return StreamId.of("Bank", "Account", key);
    }

    private static EventStream stream(ApplicationContext context, StreamId id) {
        return context.getBean(EventStreams.class).stream(id);
    }

    private static ReadModels readModels(ApplicationContext context) {
        return context.getBean(ReadModels.class);
    }

    private static void awaitRow(ApplicationContext context, StreamId id, AppendResult write) {
        assertThat(readModels(context).await("balances", id, write, WAIT)).as("row of %s reflects %s", id, write)
                .isTrue();
    }

    /** The row as a direct fold of the stream would fill it. */
    private static void assertRowMatchesFold(ApplicationContext context, StreamId id) {
        ProjectionResult<Balance> folded = context.getBean(Projections.class).project(id, Balance.class);
        ReadModelRow row = readModels(context).find("balances", id.instanceKey()).orElseThrow();
        assertThat(row.sequence()).isEqualTo(folded.asOfSequence());
        assertThat(row.decimal("balance")).isEqualByComparingTo(folded.state().balance());
        assertThat(row.string("owner")).isEqualTo(folded.state().owner());
        assertThat(row.longValue("moves")).isEqualTo(folded.state().moves());
        assertThat(row.bool("overdrawn")).isEqualTo(folded.state().overdrawn());
        assertThat(row.instant("lastMoveAt")).isEqualTo(folded.state().lastMoveAt());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    @DisplayName("a write's row is found by key once await says it reflects the write, and a deletion removes it")
    void rowByKey(Backend backend) {
        backend.runner(prefix).run(context -> {
            StreamId id = account("A-1");
            stream(context, id).append(new Opened("Ada"));
            AppendResult write = stream(context, id).append(new Moved(new BigDecimal("-12.50"), null));

            awaitRow(context, id, write);
            assertRowMatchesFold(context, id);
            assertThat(readModels(context).find("balances", id.instanceKey()).orElseThrow().decimal("balance"))
                    .isEqualByComparingTo("-12.5");

            stream(context, id).delete();
            awaitUntil(() -> readModels(context).find("balances", id.instanceKey()).isEmpty());
        });
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"TABLE", "APPEND_BLOB"})
    @DisplayName("rows match a direct fold after concurrent writes from two application instances")
    void twoInstances(Backend backend) {
        ApplicationContextRunner runner = backend.runner(prefix);
        runner.run(first -> runner.run(second -> {
            List<StreamId> ids = List.of(account("C-1"), account("C-2"), account("C-3"));
            ExecutorService writers = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int writer = 0; writer < 4; writer++) {
                    ApplicationContext context = writer % 2 == 0 ? first : second;
                    Random random = new Random(writer);
                    done.add(writers.submit(() -> {
                        for (int i = 0; i < 8; i++) {
                            stream(context, ids.get(random.nextInt(ids.size())))
                                    .append(new Moved(BigDecimal.valueOf(random.nextInt(2_000) - 1_000, 2), null));
                        }
                        return null;
                    }));
                }
                for (Future<?> writes : done) {
                    writes.get(60, TimeUnit.SECONDS);
                }
            } finally {
                writers.shutdownNow();
            }
            for (StreamId id : ids) {
                long version = stream(first, id).version();
                AppendResult last = new AppendResult(false, version, version, false);
                awaitRow(first, id, last);
                awaitRow(second, id, last);
                assertRowMatchesFold(first, id);
                assertRowMatchesFold(second, id);
            }
        }));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    @DisplayName("applying a stream again writes nothing and leaves its row as it was")
    void idempotent(Backend backend) {
        backend.runner(prefix).run(context -> {
            StreamId id = account("I-1");
            AppendResult write = stream(context, id).append(new Opened("Ida"), new Moved(BigDecimal.TEN, null));
            awaitRow(context, id, write);
            ReadModelRow before = readModels(context).find("balances", id.instanceKey()).orElseThrow();

            ReadModelUpdater updater = context.getBean(ReadModelUpdater.class);
            long writes = updater.rowWrites();
            updater.accept(id);
            updater.accept(id);

            assertThat(readModels(context).find("balances", id.instanceKey())).contains(before);
            assertThat(readModels(context).query("balances", RowFilter.equalTo("owner", "Ida"), 10, null).rows())
                    .containsExactly(before);
            assertThat(updater.rowWrites()).as("rows written by applying it again").isEqualTo(writes);
        });
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    @DisplayName("filters on every column type select the right rows, in value order, page by page")
    void filtersAndPaging(Backend backend) {
        backend.runner(prefix).run(context -> {
            Random random = new Random(19);
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String key = "F-" + i;
                BigDecimal amount = BigDecimal.valueOf(random.nextInt(20_000) - 10_000, random.nextInt(3));
                AppendResult write = stream(context, account(key)).append(new Opened(i % 3 == 0 ? "Ann" : "Bob " + i),
                        new Moved(amount, null));
                keys.add(key);
                awaitRow(context, account(key), write);
                assertRowMatchesFold(context, account(key));
            }
            BigDecimal threshold = new BigDecimal("-12.3");
            assertFilter(context, RowFilter.below("balance", threshold), 7,
                    row -> row.decimal("balance").compareTo(threshold) < 0, keys.size());
            assertFilter(context, RowFilter.atLeast("balance", threshold), 4,
                    row -> row.decimal("balance").compareTo(threshold) >= 0, keys.size());
            assertFilter(context, RowFilter.between("balance", -5_000, new BigDecimal("5000.5")), 5,
                    row -> row.decimal("balance").compareTo(BigDecimal.valueOf(-5_000)) >= 0
                            && row.decimal("balance").compareTo(new BigDecimal("5000.5")) < 0, keys.size());
            assertFilter(context, RowFilter.equalTo("owner", "Ann"), 3, row -> row.string("owner").equals("Ann"),
                    keys.size());
            assertFilter(context, RowFilter.equalTo("overdrawn", true), 6, row -> row.bool("overdrawn"),
                    keys.size());
            assertFilter(context, RowFilter.atLeast("moves", 1L), 50, row -> row.longValue("moves") >= 1,
                    keys.size());
            assertThat(pages(context, RowFilter.all(), 8)).extracting(ReadModelRow::key)
                    .containsExactlyElementsOf(keys.stream().sorted().toList());
        });
    }

    /** Every page of the filter, in order: the values ascend and are exactly the rows the predicate accepts. */
    private static void assertFilter(ApplicationContext context, RowFilter filter, int pageSize,
                                     Predicate<ReadModelRow> matches, int rows) {
        List<ReadModelRow> all = pages(context, RowFilter.all(), 100);
        assertThat(all).hasSize(rows);
        List<ReadModelRow> found = pages(context, filter, pageSize);
        assertThat(found).as("rows of %s", filter)
                .containsExactlyInAnyOrderElementsOf(all.stream().filter(matches).toList());
        assertThat(found).as("order of %s", filter).isSortedAccordingTo(Comparator.comparing(
                (ReadModelRow row) -> (Comparable) row.columns().get(filter.column()), (a, b) -> a.compareTo(b)));
    }

    private static List<ReadModelRow> pages(ApplicationContext context, RowFilter filter, int pageSize) {
        List<ReadModelRow> rows = new ArrayList<>();
        String continuation = null;
        do {
            RowPage page = readModels(context).query("balances", filter, pageSize, continuation);
            assertThat(page.rows().size()).isLessThanOrEqualTo(pageSize);
            rows.addAll(page.rows());
            continuation = page.continuation();
        } while (continuation != null);
        return rows;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    @DisplayName("a model that keeps failing for a stream is dead-lettered, holds only that stream, shows as lag in "
            + "metrics and health, and a retry applies it")
    void deadLetterAndRetry(Backend backend) {
        backend.runner(prefix).run(context -> {
            StreamId healthy = account("H-1");
            StreamId poisoned = account("P-1");
            AppendResult opened = stream(context, poisoned).append(new Opened("Pat"));
            awaitRow(context, poisoned, opened);

            Accounts.failOnPoison = true;
            AppendResult poisonedWrite = stream(context, poisoned).append(new Moved(BigDecimal.ONE, Accounts.POISON));
            DeadLetters deadLetters = context.getBean(DeadLetters.class);
            awaitUntil(() -> letterOf(deadLetters, poisoned).isPresent());
            DeadLetter letter = letterOf(deadLetters, poisoned).orElseThrow();
            assertThat(letter.detail(ReadModelUpdater.MODEL)).isEqualTo("balances");
            assertThat(letter.lastError()).contains("poisoned move");

            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            context.getBean(MeterBinder.class).bindTo(meters);
            assertThat(meters.get("eventsourcing.readmodel.lag").gauge().value()).as("lag in seconds").isPositive();
            assertThat(meters.get("eventsourcing.readmodel.dead.letters").gauge().value()).isEqualTo(1.0);
            Health health = context.getBean(ReadModelsHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("deadLetters", 1).containsKey("oldestUnappliedAge")
                    .containsKey("models");

            AppendResult healthyWrite = stream(context, healthy).append(new Opened("Hal"));
            awaitRow(context, healthy, healthyWrite);
            AppendResult later = stream(context, poisoned).append(new Moved(BigDecimal.TEN, null));
            assertThat(readModels(context).await("balances", poisoned, later, Duration.ofMillis(500)))
                    .as("the held stream waits for its letter").isFalse();

            Accounts.failOnPoison = false;
            deadLetters.retry(letter.id());
            awaitRow(context, poisoned, later);
            assertRowMatchesFold(context, poisoned);
            assertThat(letterOf(deadLetters, poisoned)).isEmpty();
            awaitUntil(() -> meters.get("eventsourcing.readmodel.lag").gauge().value() == 0.0);
            assertThat(meters.get("eventsourcing.readmodel.dead.letters").gauge().value()).isZero();
            assertThat(poisonedWrite.lastSequence()).isLessThan(later.lastSequence());
        });
    }

    private static Optional<DeadLetter> letterOf(DeadLetters deadLetters, StreamId id) {
        return deadLetters.list().stream()
                .filter(letter -> letter.kind().equals(ReadModelUpdater.KIND) && letter.stream().equals(id))
                .findFirst();
    }

    /** A condition that no in-process signal announces (a deletion, a dead letter). */
    private static void awaitUntil(Callable<Boolean> condition) {
        await().atMost(WAIT).until(condition);
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"TABLE", "APPEND_BLOB"})
    @DisplayName("a new model fills its rows by a replay over the instances written before it, shared by two instances")
    void newModelCatchesUp(Backend backend) {
        List<StreamId> ids = new ArrayList<>();
        backend.storage(prefix).run(before -> {
            for (int i = 0; i < 20; i++) {
                StreamId id = account("N-" + i);
                stream(before, id).append(new Opened("Nel " + i), new Moved(BigDecimal.valueOf(i - 10), null));
                ids.add(id);
            }
        });
        ApplicationContextRunner runner = backend.runner(prefix);
        runner.run(first -> runner.run(second -> {
            awaitUntil(() -> ids.stream().allMatch(id -> readModels(first).find("balances", id.instanceKey())
                    .isPresent()));
            for (StreamId id : ids) {
                assertRowMatchesFold(first, id);
                assertRowMatchesFold(second, id);
            }
            awaitUntil(() -> generations(first).get("buildingGeneration").equals("none"));
        }));
    }

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object> generations(ApplicationContext context) {
        return (java.util.Map<String, Object>) context.getBean(ReadModelUpdater.class).describe().get("balances");
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"IN_MEMORY", "TABLE"})
    @DisplayName("a rebuild fills a new generation while the old one keeps answering, then switches over and deletes "
            + "the old generation's rows")
    void rebuild(Backend backend) {
        backend.runner(prefix).run(context -> {
            List<StreamId> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                StreamId id = account("R-" + i);
                awaitRow(context, id, stream(context, id).append(new Opened("Rae"), new Moved(BigDecimal.ONE, null)));
                ids.add(id);
            }
            awaitUntil(() -> generations(context).get("buildingGeneration").equals("none"));
            assertThat(generations(context)).containsEntry("answeringGeneration", 1);

            assertThat(readModels(context).rebuild("balances")).isTrue();
            assertThat(readModels(context).rebuild("balances")).as("a second rebuild while one runs").isFalse();
            assertThat(generations(context)).containsEntry("answeringGeneration", 1)
                    .containsEntry("buildingGeneration", 2);
            assertThat(pages(context, RowFilter.equalTo("owner", "Rae"), 100)).as("the old generation answers")
                    .hasSize(ids.size());
            ReadModelStore rows = context.getBean(EventStoreRouter.class).storeFor(Accounts.ACCOUNT).readModelStore()
                    .orElseThrow();
            assertThat(rows.range("balances-v1-g1", "", false, "~", 1)).as("the old generation's entries").isNotEmpty();
            AppendResult during = stream(context, ids.get(0)).append(new Moved(BigDecimal.TEN, null));

            awaitUntil(() -> generations(context).get("answeringGeneration").equals(2));
            assertThat(generations(context)).containsEntry("buildingGeneration", "none");
            awaitRow(context, ids.get(0), during);
            for (StreamId id : ids) {
                assertRowMatchesFold(context, id);
            }

            // Retired at the switch, deleted two refresh intervals later (the catch-up runs every interval).
            awaitUntil(() -> generations(context).get("retiredGeneration").equals("none"));
            assertThat(rows.range("balances-v1-g1", "", false, "~", 1)).as("the old generation's entries").isEmpty();
            assertThat(pages(context, RowFilter.equalTo("owner", "Rae"), 3)).as("the new generation answers")
                    .hasSize(ids.size());
            AppendResult after = stream(context, ids.get(1)).append(new Moved(BigDecimal.ONE, null));
            awaitRow(context, ids.get(1), after);
            assertRowMatchesFold(context, ids.get(1));
            assertThat(rows.range("balances-v1-g1", "", false, "~", 1)).as("nothing written to it since").isEmpty();
        });
    }
}
