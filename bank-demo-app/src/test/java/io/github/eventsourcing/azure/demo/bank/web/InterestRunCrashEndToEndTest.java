package io.github.eventsourcing.azure.demo.bank.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.TableEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.command.event.InstanceOutcomesRecorded;
import io.github.eventsourcing.azure.demo.bank.crash.PausePointConfiguration;
import io.github.eventsourcing.azure.demo.bank.interest.AccrueInterest;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.UnknownEvent;
import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An interest run over 200 accounts whose process is killed with SIGKILL mid-run (after it recorded its first
 * outcomes, with more accruals in flight), then resumed by the restarted application. Both processes use tables of
 * their own, so the run covers exactly this test's accounts.
 */
@DisplayName("An interest run across a process crash, end to end on Table storage")
class InterestRunCrashEndToEndTest {

    private static final int ACCOUNTS = 200;
    private static final String POINT = "after-outcomes-of-" + AccrueInterest.STEP;

    /** claim-duration + resume-interval + time for 200 accounts on a busy machine. */
    private static final Duration AFTER_A_CRASH = Duration.ofSeconds(5 + 1 + 60);

    @Test
    @DisplayName("killed mid-run and restarted, the run completes with one outcome per account, and no account is accrued twice")
    void resumedAfterSigkill() {
        String prefix = "--eventsourcing.table.table-name-prefix=ir" + UUID.randomUUID().toString()
                .replace("-", "").substring(0, 10);
        String smallBatches = "--eventsourcing.commands.fan-out.outcomes-per-event=20";
        List<String> accounts = IntStream.range(0, ACCOUNTS).mapToObj(i -> String.format("RUN-%03d", i)).toList();
        String id;
        try (DemoProcess victim = DemoProcess.start(Azurite.get().connectionString(), prefix, smallBatches,
                "--bank.test.pause-at=" + POINT)) {
            BankHttp http = new BankHttp(victim.port);
            accounts.parallelStream().forEach(number -> assertThat(http.post(BankHttp.account(number),
                    Map.of("clientName", number, "openingBalance", new BigDecimal("100.00"))).status()).isEqualTo(201));
            BankHttp.Reply started = http.post("/api/interest/accrue-all", null);
            assertThat(started.status()).as("%s", started).isEqualTo(202);
            id = started.json().get("id").asText();
            victim.awaitLine(line -> line.equals(PausePointConfiguration.MARKER + " " + POINT + " " + id),
                    Duration.ofSeconds(60));
            victim.kill();
        }
        try (DemoProcess restarted = DemoProcess.start(Azurite.get().connectionString(), prefix, smallBatches)) {
            BankHttp http = new BankHttp(restarted.port);
            await().atMost(AFTER_A_CRASH).pollInterval(Duration.ofMillis(250))
                    .until(() -> http.get("/api/interest/runs/" + id).json().path("status").asText(),
                            "completed"::equals);
            JsonNode run = http.get("/api/interest/runs/" + id).json();
            assertThat(run.get("accrued").asInt()).as("%s", run).isEqualTo(ACCOUNTS);
            assertThat(run.get("skipped").asInt() + run.get("failed").asInt()).as("%s", run).isZero();
            assertThat(accounts.parallelStream().filter(number -> accrualsBy(http, number, id) != 1).toList())
                    .as("accounts without exactly one accrual by the run").isEmpty();
        }
        assertThat(outcomeKeysInTheRunsStream(prefix, id)).as("each account's outcome, once")
                .hasSize(ACCOUNTS).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(accounts);
    }

    private static long accrualsBy(BankHttp http, String account, String runId) {
        List<String> types = new ArrayList<>();
        http.get(BankHttp.account(account) + "/events").json().forEach(event -> {
            if (event.get("eventType").asText().equals("Interest Accrued")) {
                types.add(event.path("context").path("correlationId").asText());
            }
        });
        assertThat(types).as("accruals of %s", account).allMatch(runId::equals);
        return types.size();
    }

    /** Read with the library from the run's own stream: the instance keys of every outcome record, as often as there. */
    private static List<String> outcomeKeysInTheRunsStream(String prefix, String runId) {
        List<String> keys = new ArrayList<>();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class,
                        TableEventStoreAutoConfiguration.class))
                .withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=table",
                        "eventsourcing.connections.default.connection-string=" + Azurite.get().connectionString(),
                        prefix.substring(2))
                .run(context -> {
                    for (RecordedEvent event : context.getBean(EventStreams.class)
                            .stream(AccrueInterest.TYPE.instance(runId)).read()) {
                        // Not registered here (no command handlers in this context): read from its JSON.
                        if (event.payload() instanceof UnknownEvent unknown
                                && unknown.eventName().equals("Instance Outcomes Recorded")) {
                            BankHttp.JSON.readValue(unknown.json(), InstanceOutcomesRecorded.class).outcomes()
                                    .forEach(outcome -> keys.add(outcome.key()));
                        }
                    }
                });
        return keys;
    }
}
