package io.github.eventsourcing.azure.demo.bank.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventsourcing.azure.demo.bank.MutableClock;
import io.github.eventsourcing.azure.demo.bank.interest.NightlyInterestJob;
import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.github.eventsourcing.azure.demo.bank.web.BankHttp.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Interest runs over real HTTP, on a bank of its own (its own Azurite, so the job sees exactly this test's accounts)
 * with the business day fixed by a {@link java.time.Clock} bean.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "bank.interest.nightly-cron=-")
@Import(NightlyInterestEndToEndTest.FixedDay.class)
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Interest runs (POST /api/interest/accrue-all, GET /api/interest/runs), end to end on Table storage")
class NightlyInterestEndToEndTest {

    private static Azurite storage;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("eventsourcing.connections.default.connection-string", () -> ownStorage().connectionString());
    }

    /**
     * Started before the application and stopped only when the JVM exits: the application (closed after this class)
     * must not outlive its storage, or its background work would fail against a stopped emulator.
     */
    private static synchronized Azurite ownStorage() {
        if (storage == null) {
            Azurite started = Azurite.start(null);
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "azurite-stop"));
            storage = started;
        }
        return storage;
    }

    @TestConfiguration
    static class FixedDay {
        @Bean
        @Primary
        MutableClock fixedClock() {
            return new MutableClock("2031-05-01T00:05:00Z");
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    NightlyInterestJob nightlyJob;

    @Test
    @Order(1) // first: it counts the accounts of this bank, and the others open more
    @DisplayName("a run accrues every account for the clock's day and skips those already accrued; a run the same day skips them all, a run the next day accrues them all")
    void accruesAllAccounts() {
        BankHttp http = new BankHttp(port);
        clock.set("2031-05-01T00:05:00Z");
        open(http, "saver", "1000.00");
        open(http, "borrower", null);
        http.put(account("borrower") + "/overdraft-limit", Map.of("limit", 500));
        http.post(account("borrower") + "/withdrawals", Map.of("amount", 200));
        open(http, "early-bird", "10.00");
        assertThat(http.post(account("early-bird") + "/interest/accruals",
                Map.of("creditRate", 0.01, "debitRate", 0.01)).ok()).isTrue();

        BankHttp.Reply started = http.post("/api/interest/accrue-all", null);

        assertThat(started.status()).as("%s", started).isEqualTo(202);
        String id = started.json().get("id").asText();
        assertThat(started.headers().firstValue("Location")).hasValue("/api/interest/runs/" + id);
        assertThat(counts(awaitCompleted(http, id))).isEqualTo(Map.of("accrued", 2, "skipped", 1, "failed", 0));
        assertThat(interestDue(http, "saver")).isEqualByComparingTo("0.500000");     // 1000.00 x 0.0005
        assertThat(interestDue(http, "borrower")).isEqualByComparingTo("-0.200000"); // -200.00 x 0.001
        assertThat(interestDue(http, "early-bird")).isEqualByComparingTo("0.100000"); // its own accrual only
        JsonNode accrual = lastEvent(http, "saver");
        assertThat(accrual.get("eventType").asText()).isEqualTo("Interest Accrued");
        assertThat(accrual.get("payload").get("accruedOn").asText()).isEqualTo("2031-05-01");
        assertThat(accrual.get("context").get("correlationId").asText()).as("the run's id").isEqualTo(id);

        String again = http.post("/api/interest/accrue-all", null).json().get("id").asText();
        assertThat(again).as("a manual run always starts a new run").isNotEqualTo(id);
        assertThat(counts(awaitCompleted(http, again))).as("the same day again")
                .isEqualTo(Map.of("accrued", 0, "skipped", 3, "failed", 0));

        clock.set("2031-05-02T00:05:00Z");
        String nextDay = http.post("/api/interest/accrue-all", null).json().get("id").asText();
        assertThat(counts(awaitCompleted(http, nextDay))).as("the next day")
                .isEqualTo(Map.of("accrued", 3, "skipped", 0, "failed", 0));
        assertThat(interestDue(http, "saver")).isEqualByComparingTo("1.000000");
        assertThat(lastEvent(http, "saver").get("payload").get("accruedOn").asText()).isEqualTo("2031-05-02");

        JsonNode listed = http.get("/api/interest/runs").json();
        assertThat(listed.get(0).get("id").asText()).as("newest first").isEqualTo(nextDay);
        assertThat(listed.get(0).get("status").asText()).isEqualTo("completed");
        assertThat(ids(listed)).containsSubsequence(nextDay, again, id);
    }

    @Test
    @DisplayName("the nightly schedule starts one run per UTC day, named after the day, however many instances start it")
    void nightlyRunOncePerDay() throws Exception {
        BankHttp http = new BankHttp(port);
        open(http, "night-owl", "50.00");
        clock.set("2031-07-14T00:05:00Z");
        ExecutorService instances = Executors.newFixedThreadPool(3);
        try {
            List<Future<String>> started = instances.invokeAll(List.of(() -> nightlyJob.startNightly().id(),
                    () -> nightlyJob.startNightly().id(), () -> nightlyJob.startNightly().id()));
            for (Future<String> id : started) {
                assertThat(id.get()).isEqualTo("nightly-2031-07-14");
            }
        } finally {
            instances.shutdownNow();
        }
        JsonNode run = awaitCompleted(http, "nightly-2031-07-14");
        int accounts = http.get("/api/accounts").json().size();
        assertThat(run.get("accrued").asInt() + run.get("skipped").asInt() + run.get("failed").asInt())
                .as("one outcome per account").isEqualTo(accounts);
        assertThat(ids(http.get("/api/interest/runs").json())).containsOnlyOnce("nightly-2031-07-14");
        nightlyJob.runNightly(); // later the same night: the same run, which already ended
        assertThat(ids(http.get("/api/interest/runs").json())).containsOnlyOnce("nightly-2031-07-14");
    }

    @Test
    @DisplayName("a run that does not exist answers 404 with a problem, also for an id no run can have")
    void unknownRun() {
        BankHttp http = new BankHttp(port);
        BankOnAzurite.assertProblem(http.get("/api/interest/runs/no-such-run"), 404, "no interest run");
        BankOnAzurite.assertProblem(http.get("/api/interest/runs/not.a.run"), 404, "no interest run");
    }

    /** The run once completed; within 30 s (the runs here are a few accounts, on a busy machine). */
    private static JsonNode awaitCompleted(BankHttp http, String id) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get("/api/interest/runs/" + id).json().path("status").asText(), "completed"::equals);
        BankHttp.Reply run = http.get("/api/interest/runs/" + id);
        assertThat(run.status()).isEqualTo(200);
        assertThat(run.json().get("id").asText()).isEqualTo(id);
        return run.json();
    }

    private static Map<String, Integer> counts(JsonNode run) {
        return Map.of("accrued", run.get("accrued").asInt(), "skipped", run.get("skipped").asInt(),
                "failed", run.get("failed").asInt());
    }

    private static List<String> ids(JsonNode runs) {
        List<String> ids = new ArrayList<>();
        runs.forEach(run -> ids.add(run.get("id").asText()));
        return ids;
    }

    private static void open(BankHttp http, String number, String openingBalance) {
        Map<String, Object> body = openingBalance == null ? Map.of("clientName", number)
                : Map.of("clientName", number, "openingBalance", new BigDecimal(openingBalance));
        assertThat(http.post(account(number), body).status()).isEqualTo(201);
    }

    private static BigDecimal interestDue(BankHttp http, String number) {
        return http.get(account(number)).decimal("interestDue");
    }

    private static JsonNode lastEvent(BankHttp http, String number) {
        JsonNode events = http.get(account(number) + "/events").json();
        return events.get(events.size() - 1);
    }
}
