package io.github.eventsourcing.azure.demo.bank.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventsourcing.azure.demo.bank.MutableClock;
import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.DisplayName;
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
import java.util.Map;

import static io.github.eventsourcing.azure.demo.bank.web.BankHttp.account;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nightly job over real HTTP, on a bank of its own (its own Azurite, so the job sees exactly this test's accounts)
 * with the business day fixed by a {@link java.time.Clock} bean.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "bank.interest.nightly-cron=-")
@Import(NightlyInterestEndToEndTest.FixedDay.class)
@DirtiesContext
@DisplayName("POST /api/interest/accrue-all, end to end on Table storage")
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

    @Test
    @DisplayName("accrues every account for the clock's day, skips those already accrued, and runs again the next day")
    void accruesAllAccounts() {
        BankHttp http = new BankHttp(port);
        open(http, "saver", "1000.00");
        open(http, "borrower", null);
        http.put(account("borrower") + "/overdraft-limit", Map.of("limit", 500));
        http.post(account("borrower") + "/withdrawals", Map.of("amount", 200));
        open(http, "early-bird", "10.00");
        assertThat(http.post(account("early-bird") + "/interest/accruals",
                Map.of("creditRate", 0.01, "debitRate", 0.01)).ok()).isTrue();

        BankHttp.Reply firstRun = http.post("/api/interest/accrue-all", null);

        assertThat(firstRun.status()).as("%s", firstRun).isEqualTo(200);
        assertThat(outcome(firstRun)).isEqualTo(Map.of("accrued", 2, "skipped", 1, "failed", 0));
        assertThat(interestDue(http, "saver")).isEqualByComparingTo("0.500000");     // 1000.00 x 0.0005
        assertThat(interestDue(http, "borrower")).isEqualByComparingTo("-0.200000"); // -200.00 x 0.001
        assertThat(interestDue(http, "early-bird")).isEqualByComparingTo("0.100000"); // its own accrual only
        JsonNode accrual = lastEvent(http, "saver");
        assertThat(accrual.get("eventType").asText()).isEqualTo("Interest Accrued");
        assertThat(accrual.get("payload").get("accruedOn").asText()).isEqualTo("2031-05-01");

        assertThat(outcome(http.post("/api/interest/accrue-all", null))).as("the same day again")
                .isEqualTo(Map.of("accrued", 0, "skipped", 3, "failed", 0));

        clock.set("2031-05-02T00:05:00Z");
        assertThat(outcome(http.post("/api/interest/accrue-all", null))).as("the next day")
                .isEqualTo(Map.of("accrued", 3, "skipped", 0, "failed", 0));
        assertThat(interestDue(http, "saver")).isEqualByComparingTo("1.000000");
        assertThat(lastEvent(http, "saver").get("payload").get("accruedOn").asText()).isEqualTo("2031-05-02");
    }

    private static void open(BankHttp http, String number, String openingBalance) {
        Map<String, Object> body = openingBalance == null ? Map.of("clientName", number)
                : Map.of("clientName", number, "openingBalance", new BigDecimal(openingBalance));
        assertThat(http.post(account(number), body).status()).isEqualTo(201);
    }

    private static Map<String, Integer> outcome(BankHttp.Reply reply) {
        return Map.of("accrued", reply.json().get("accrued").asInt(), "skipped", reply.json().get("skipped").asInt(),
                "failed", reply.json().get("failed").asInt());
    }

    private static BigDecimal interestDue(BankHttp http, String number) {
        return http.get(account(number)).decimal("interestDue");
    }

    private static JsonNode lastEvent(BankHttp http, String number) {
        JsonNode events = http.get(account(number) + "/events").json();
        return events.get(events.size() - 1);
    }
}
