package io.github.eventsourcing.azure.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.InMemoryEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.InvalidEventSourcingConfigurationException;
import io.github.eventsourcing.azure.autoconfigure.command.CommandAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.notification.NotificationAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.query.QueryAutoConfiguration;
import io.github.eventsourcing.azure.command.CommandExecution;
import io.github.eventsourcing.azure.command.CommandIdConflictException;
import io.github.eventsourcing.azure.command.event.InstanceOutcomesRecorded;
import io.github.eventsourcing.azure.command.event.ParameterValueSet;
import io.github.eventsourcing.azure.query.LedgerApplication.Deposited;
import io.github.eventsourcing.azure.query.LedgerApplication.Garbled;
import io.github.eventsourcing.azure.query.LedgerApplication.LargeAccountKeys;
import io.github.eventsourcing.azure.query.LedgerApplication.Opened;
import io.github.eventsourcing.azure.query.LedgerApplication.Range;
import io.github.eventsourcing.azure.query.LedgerApplication.Richest;
import io.github.eventsourcing.azure.query.LedgerApplication.RichestCollation;
import io.github.eventsourcing.azure.query.LedgerApplication.Search;
import io.github.eventsourcing.azure.query.LedgerApplication.Switches;
import io.github.eventsourcing.azure.query.internal.QueriesHealthIndicator;
import io.github.eventsourcing.azure.query.internal.WebhookOutput;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.test.eventgrid.EventGridClients;
import io.github.eventsourcing.azure.test.eventgrid.EventGridStub;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.github.eventsourcing.azure.query.LedgerApplication.ACCOUNTS;
import static io.github.eventsourcing.azure.query.LedgerApplication.LARGE_ACCOUNTS;
import static io.github.eventsourcing.azure.query.LedgerApplication.OPENED_WITHIN;
import static io.github.eventsourcing.azure.query.LedgerApplication.RICHEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@DisplayName("A query")
class QueryScenarioTests {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The ledger on the in-memory backend; a subclass runs the same scenarios in Table storage. */
    ApplicationContextRunner ledger() {
        return LEDGER;
    }

    static final ApplicationContextRunner LEDGER = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class,
                    InMemoryEventStoreAutoConfiguration.class, CommandAutoConfiguration.class,
                    QueryAutoConfiguration.class))
            .withUserConfiguration(LedgerApplication.class)
            .withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=in-memory",
                    "eventsourcing.commands.claim-duration=1s", "eventsourcing.commands.resume-interval=100ms",
                    "eventsourcing.commands.fan-out.record-interval=50ms");

    @Test
    @DisplayName("records its parameters, what it requested of which targets, each target's value with its version, and its completion")
    void recordsItsRun() {
        ledger().run(context -> {
            open(context, "acct-1", 100);
            open(context, "acct-2", 300);
            deposit(context, "acct-2", 50);
            QueryInstance query = awaitEnd(queries(context).start(RICHEST, new Search("audit")));

            List<Object> events = events(context, query);
            assertThat(events).contains(new ParameterValueSet("label",
                    com.fasterxml.jackson.databind.node.TextNode.valueOf("audit")));
            CommandExecution execution = query.command().execution().state();
            assertThat(execution.getOutputs().get("request")).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "request", "projection Balance", "targets", "every Ledger.Account"));
            Map<String, InstanceOutcomesRecorded.Outcome> values = new java.util.HashMap<>();
            events.stream().filter(InstanceOutcomesRecorded.class::isInstance)
                    .map(InstanceOutcomesRecorded.class::cast)
                    .forEach(recorded -> recorded.outcomes().forEach(outcome -> values.put(outcome.key(), outcome)));
            assertThat(values).containsOnlyKeys("acct-1", "acct-2");
            assertThat(values.get("acct-1")).extracting("outcome", "version").containsExactly("returned", 1L);
            assertThat(values.get("acct-1").value().get("balance").asLong()).isEqualTo(100);
            assertThat(values.get("acct-2")).extracting("outcome", "version").containsExactly("returned", 2L);
            assertThat(values.get("acct-2").value().get("balance").asLong()).isEqualTo(350);
            assertThat(events.get(events.size() - 1).getClass().getSimpleName()).isEqualTo("CommandCompleted");

            QueryState state = query.read().orElseThrow();
            assertThat(state.status()).isEqualTo(QueryStatus.COMPLETED);
            assertThat(state.result(Richest.class)).isEqualTo(new Richest("acct-2", 350, 2));
            assertThat(state.deliveries()).isEmpty();
            assertThat(state.endedAt()).isNotNull();
        });
    }

    @Test
    @DisplayName("collates a tie to the lowest account key, whatever order the values came in")
    void collatesATie() {
        ledger().run(context -> {
            open(context, "acct-9", 500);
            open(context, "acct-3", 200);
            deposit(context, "acct-3", 300);
            open(context, "acct-5", 500);
            QueryState state = awaitEnd(queries(context).start(RICHEST, new Search("tie"))).read().orElseThrow();
            assertThat(state.result(Richest.class)).isEqualTo(new Richest("acct-3", 500, 2));
        });
    }

    @Test
    @DisplayName("without targets completes with no result")
    void noTargets() {
        ledger().run(context -> {
            QueryState state = awaitEnd(queries(context).start(RICHEST, new Search("empty"))).read().orElseThrow();
            assertThat(state.status()).isEqualTo(QueryStatus.COMPLETED);
            assertThat(state.result()).isNull();
        });
    }

    @Test
    @DisplayName("can ask each target whether a classification includes it")
    void requestsAClassification() {
        ledger().run(context -> {
            open(context, "small", 10);
            open(context, "big-1", 1000);
            open(context, "big-2", 5000);
            QueryInstance query = awaitEnd(queries(context).start(LARGE_ACCOUNTS, new Search("large")));
            assertThat(query.read().orElseThrow().result(LargeAccountKeys.class).keys())
                    .containsExactly("big-1", "big-2");
            assertThat(query.command().execution().state().getOutputs().get("request").get("request"))
                    .isEqualTo("classification Large {minimum=1000}");
        });
    }

    @Test
    @DisplayName("can choose its targets and its request by its parameters, and records what it chose")
    void targetsAndRequestByParameters() {
        ledger().run(context -> {
            open(context, "small", 10);
            open(context, "mid", 1000);
            open(context, "big", 5000);
            QueryInstance narrow = awaitEnd(queries(context).start(OPENED_WITHIN, new Range(500, 2000)));
            QueryInstance wide = awaitEnd(queries(context).start(OPENED_WITHIN, new Range(5, 6000)));

            assertThat(narrow.read().orElseThrow().result(LargeAccountKeys.class).keys()).containsExactly("mid");
            assertThat(wide.read().orElseThrow().result(LargeAccountKeys.class).keys())
                    .containsExactly("big", "mid", "small");
            assertThat(narrow.command().execution().state().getOutputs().get("request"))
                    .containsExactlyInAnyOrderEntriesOf(Map.of("request", "classification Large {minimum=2000}",
                            "targets", "Ledger.Account included by Large {minimum=500}"));
            assertThat(targetKeys(context, narrow)).as("only the accounts opened with at least 500 were asked")
                    .containsExactlyInAnyOrder("mid", "big");
            assertThat(targetKeys(context, wide)).containsExactlyInAnyOrder("small", "mid", "big");
        });
    }

    /** The targets whose values a query recorded. */
    private static List<String> targetKeys(AssertableApplicationContext context, QueryInstance query) {
        return events(context, query).stream().filter(InstanceOutcomesRecorded.class::isInstance)
                .map(InstanceOutcomesRecorded.class::cast)
                .flatMap(recorded -> recorded.outcomes().stream().map(InstanceOutcomesRecorded.Outcome::key))
                .toList();
    }

    @Test
    @DisplayName("handler that declares no targets fails start-up, saying what to implement")
    void handlerWithoutTargets() {
        ledger().withBean("targetless", QueryHandler.class, Targetless::new).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(InvalidEventSourcingConfigurationException.class)
                    .hasMessageContaining("(Ledger.Targetless) declares no targets.")
                    .hasMessageContaining("Implement targets() or targets(P) in it.");
        });
    }

    /** Requests a projection of no targets. */
    static final class Targetless implements QueryHandler<Search, Richest> {
        @Override
        public QueryType type() {
            return QueryType.of("Ledger", "Targetless");
        }

        @Override
        public Class<Search> parametersType() {
            return Search.class;
        }

        @Override
        public Class<Richest> resultType() {
            return Richest.class;
        }

        @Override
        public QueryRequest request() {
            return QueryRequest.projection(LedgerApplication.Balance.class);
        }

        @Override
        public Class<RichestCollation> collation() {
            return RichestCollation.class;
        }
    }

    @Test
    @DisplayName("started again with the same id and parameters is the same query; with other parameters, refused")
    void idempotentStart() {
        ledger().run(context -> {
            open(context, "acct-1", 100);
            Queries queries = queries(context);
            awaitEnd(queries.start(RICHEST, "q-1", new Search("a"), WriteContext.EMPTY));
            long length = events(context, queries.instance(RICHEST, "q-1")).size();
            queries.start(RICHEST, "q-1", new Search("a"), WriteContext.EMPTY);
            assertThat(events(context, queries.instance(RICHEST, "q-1"))).hasSize((int) length);
            assertThatThrownBy(() -> queries.start(RICHEST, "q-1", new Search("b"), WriteContext.EMPTY))
                    .isInstanceOf(CommandIdConflictException.class);
            assertThat(queries.recentQueryIds(RICHEST, 10)).containsExactly("q-1");
            assertThat(queries.instance(RICHEST, "nope").read()).isEmpty();
        });
    }

    @Test
    @DisplayName("resumed after a crash between batches of values, records each target's value once and collates them all")
    void resumesAfterCrash() {
        ledger().withPropertyValues("eventsourcing.commands.fan-out.outcomes-per-event=4",
                "eventsourcing.commands.fan-out.parallelism=2").run(context -> {
            for (int i = 0; i < 20; i++) {
                open(context, "acct-" + (100 + i), 10L * i);
            }
            context.getBean(Switches.class).batchesBeforeCrash.set(2);
            QueryInstance query = awaitEnd(queries(context).start(RICHEST, new Search("crash")));

            assertThat(context.getBean(Switches.class).batchesBeforeCrash.get()).as("it crashed").isNegative();
            List<String> keys = new ArrayList<>();
            events(context, query).stream().filter(InstanceOutcomesRecorded.class::isInstance)
                    .map(InstanceOutcomesRecorded.class::cast)
                    .forEach(recorded -> recorded.outcomes().forEach(outcome -> keys.add(outcome.key())));
            assertThat(keys).hasSize(20).doesNotHaveDuplicates();
            assertThat(query.read().orElseThrow().result(Richest.class)).isEqualTo(new Richest("acct-119", 190, 1));
        });
    }

    @Test
    @DisplayName("fails when a target keeps failing, rather than answer without it")
    void failsOnAFailedTarget() {
        ledger().withPropertyValues("eventsourcing.commands.fan-out.retry-passes=0").run(context -> {
            open(context, "acct-1", 100);
            open(context, "acct-2", 900);
            context.getBean(EventStreams.class).stream(ACCOUNTS.instance("acct-2")).append(new Garbled());
            QueryState state = awaitEnd(queries(context).start(RICHEST, new Search("bad"))).read().orElseThrow();
            assertThat(state.status()).isEqualTo(QueryStatus.FAILED);
            assertThat(state.reason()).isEqualTo("targets-failed");
            assertThat(state.result()).isNull();
        });
    }

    @Test
    @DisplayName("delivers its result to a configured webhook as the exact result JSON, and records the delivery")
    void deliversToAWebhook() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        List<String> ids = new CopyOnWriteArrayList<>();
        HttpServer server = receiver(200, bodies, ids);
        try {
            ledger().withPropertyValues(
                    "eventsourcing.queries.outputs.audit.webhook-url=http://127.0.0.1:"
                            + server.getAddress().getPort() + "/results",
                    "eventsourcing.queries.types.Ledger.Richest.outputs=audit").run(context -> {
                open(context, "acct-1", 100);
                open(context, "acct-2", 250);
                QueryInstance query = awaitEnd(queries(context).start(RICHEST, "q-hook", new Search("hook"),
                        WriteContext.EMPTY));
                QueryState state = query.read().orElseThrow();
                assertThat(state.status()).isEqualTo(QueryStatus.COMPLETED);
                assertThat(bodies).containsExactly("{\"accountNumber\":\"acct-2\",\"balance\":250,\"version\":1}");
                assertThat(ids).containsExactly("Ledger.Richest q-hook");
                assertThat(state.deliveries()).containsOnlyKeys("audit");
                assertThat(query.command().execution().state().getOutputs().get("deliver-audit"))
                        .containsEntry("to", "webhook http://127.0.0.1:" + server.getAddress().getPort()
                                + "/results");

                // Another query type without outputs delivers nowhere.
                QueryState large = awaitEnd(queries(context).start(LARGE_ACCOUNTS, new Search("x"))).read()
                        .orElseThrow();
                assertThat(large.deliveries()).isEmpty();
                assertThat(bodies).hasSize(1);
            });
        } finally {
            server.stop(0);
        }
    }

    @Test
    @DisplayName("publishes its result to Event Grid as a Query Completed notification when an output says so")
    void publishesToEventGrid() {
        try (EventGridStub topic = EventGridStub.http()) {
            ledger().withConfiguration(AutoConfigurations.of(NotificationAutoConfiguration.class))
                    .withPropertyValues("eventsourcing.notifications.enabled=true",
                            "eventsourcing.notifications.event-grid.endpoint=" + topic.endpoint(),
                            "eventsourcing.notifications.event-grid.sas-token=" + EventGridClients.SAS,
                            "eventsourcing.queries.outputs.grid.event-grid=true",
                            "eventsourcing.queries.types.Ledger.Richest.outputs=grid").run(context -> {
                        open(context, "acct-1", 700);
                        QueryInstance query = awaitEnd(queries(context).start(RICHEST, "q-grid", new Search("g"),
                                WriteContext.EMPTY));
                        assertThat(query.read().orElseThrow().deliveries()).containsOnlyKeys("grid");
                        List<JsonNode> completed = new ArrayList<>();
                        for (EventGridStub.Request request : topic.accepted()) {
                            MAPPER.readTree(request.body()).forEach(event -> {
                                if (event.path("eventType").asText().endsWith(".QueryCompleted")) {
                                    completed.add(event);
                                }
                            });
                        }
                        assertThat(completed).hasSize(1);
                        JsonNode event = completed.get(0);
                        assertThat(event.get("eventType").asText())
                                .isEqualTo("Ledger.Command-QueryRichest.QueryCompleted");
                        assertThat(event.get("subject").asText())
                                .isEqualTo("eventsourcing/Ledger/Command-QueryRichest/QueryCompleted/q-grid");
                        JsonNode data = event.get("data");
                        assertThat(data.get("kind").asText()).isEqualTo("QueryCompleted");
                        assertThat(data.get("queryType").asText()).isEqualTo("Ledger.Richest");
                        assertThat(data.get("instanceKey").asText()).isEqualTo("q-grid");
                        assertThat(data.get("result").toString())
                                .isEqualTo("{\"accountNumber\":\"acct-1\",\"balance\":700,\"version\":1}");
                    });
        }
    }

    @Test
    @DisplayName("with an Event Grid output while notifications are off fails start-up, saying what to set")
    void eventGridWithoutNotifications() {
        ledger().withPropertyValues("eventsourcing.queries.outputs.grid.event-grid=true").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(InvalidEventSourcingConfigurationException.class)
                    .hasMessageContaining("notifications are off");
        });
    }

    @Test
    @DisplayName("whose webhook keeps refusing is set aside as a command dead letter, its result collated")
    void webhookKeepsFailing() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer server = receiver(503, bodies, new CopyOnWriteArrayList<>());
        try {
            ledger().withPropertyValues("eventsourcing.commands.max-attempts=2",
                    "eventsourcing.queries.outputs.audit.webhook-url=http://127.0.0.1:"
                            + server.getAddress().getPort() + "/results",
                    "eventsourcing.queries.types.Ledger.Richest.outputs=audit").run(context -> {
                open(context, "acct-1", 100);
                QueryInstance query = queries(context).start(RICHEST, new Search("refused"));
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        query.command().execution().state().getDeadLettered() != null);
                assertThat(query.command().execution().state().getDeadLettered().step()).isEqualTo("deliver-audit");
                QueryState state = query.read().orElseThrow();
                assertThat(state.status()).isEqualTo(QueryStatus.RUNNING);
                assertThat(state.result(Richest.class)).isEqualTo(new Richest("acct-1", 100, 1));
                assertThat(state.deliveries()).isEmpty();
                assertThat(bodies).hasSize(2);
            });
        } finally {
            server.stop(0);
        }
    }

    @Test
    @DisplayName("type naming an output that is not configured fails start-up, saying what to configure")
    void unknownOutput() {
        ledger().withPropertyValues("eventsourcing.queries.types.Ledger.Richest.outputs=nowhere").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(InvalidEventSourcingConfigurationException.class)
                    .hasMessageContaining("eventsourcing.queries.types.Ledger.Richest.outputs names the output "
                            + "'nowhere', which is not configured");
        });
    }

    @Test
    @DisplayName("type in the configuration that no handler handles fails start-up")
    void unknownType() {
        ledger().withPropertyValues("eventsourcing.queries.outputs.audit.webhook-url=https://example.com/r",
                "eventsourcing.queries.types.Ledger.Poorest.outputs=audit").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(InvalidEventSourcingConfigurationException.class)
                    .hasMessageContaining("eventsourcing.queries.types.Ledger.Poorest names a query type no "
                            + "QueryHandler bean handles");
        });
    }

    @Test
    @DisplayName("output whose webhook URL is not http(s) fails start-up")
    void notAWebhookUrl() {
        ledger().withPropertyValues("eventsourcing.queries.outputs.audit.webhook-url=file:///etc/passwd")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("eventsourcing.queries.outputs.audit.webhook-url is file:///etc/passwd");
                });
    }

    @Test
    @DisplayName("that has not completed is the oldest incomplete query in health")
    @SuppressWarnings("unchecked")
    void health() {
        ledger().withPropertyValues("eventsourcing.commands.max-attempts=1",
                "eventsourcing.queries.outputs.audit.webhook-url=http://127.0.0.1:9/unreachable",
                "eventsourcing.queries.types.Ledger.Richest.outputs=audit").run(context -> {
            QueryInstance query = queries(context).start(RICHEST, "stuck", new Search("h"), WriteContext.EMPTY);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    query.command().execution().state().getDeadLettered() != null);
            Health health = context.getBean(QueriesHealthIndicator.class).health();
            assertThat(health.getDetails()).containsEntry("openQueries", 1);
            assertThat((Map<String, Object>) health.getDetails().get("oldestIncompleteQuery"))
                    .containsEntry("type", "Ledger.Richest").containsEntry("id", "stuck");
        });
    }

    private static HttpServer receiver(int status, List<String> bodies, List<String> ids) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/results", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ids.add(exchange.getRequestHeaders().getFirst(WebhookOutput.TYPE_HEADER) + " "
                    + exchange.getRequestHeaders().getFirst(WebhookOutput.ID_HEADER));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    static Queries queries(AssertableApplicationContext context) {
        return context.getBean(Queries.class);
    }

    static void open(AssertableApplicationContext context, String key, long balance) {
        context.getBean(EventStreams.class).stream(ACCOUNTS.instance(key)).append(new Opened(balance));
    }

    static void deposit(AssertableApplicationContext context, String key, long amount) {
        context.getBean(EventStreams.class).stream(ACCOUNTS.instance(key)).append(new Deposited(amount));
    }

    static List<Object> events(AssertableApplicationContext context, QueryInstance query) {
        return context.getBean(EventStreams.class).stream(query.streamId()).read().stream()
                .map(RecordedEvent::payload).toList();
    }

    static QueryInstance awaitEnd(QueryInstance query) {
        // A simulated crash ends its worker thread with an uncaught error, as a killed process would stop: not a failure.
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> query.read().map(state -> state.status() != QueryStatus.RUNNING).orElse(false));
        return query;
    }

}
