package io.github.eventsourcing.azure.demo.bank.web;

import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.github.eventsourcing.azure.demo.bank.web.BankHttp.account;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as configured in application.yml (accounts in Azure Table storage), running on a random port
 * against this JVM's Azurite, with its metrics exported as when it runs (Spring Boot's tests switch export off).
 * Subclasses share one application context.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"bank.interest.nightly-cron=-", "bank.admin.key=" + BankOnAzurite.ADMIN_KEY})
abstract class BankOnAzurite {

    /** The key of the admin endpoints (bank.admin.key). */
    static final String ADMIN_KEY = "e2e-admin-key";

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("eventsourcing.connections.default.connection-string", () -> Azurite.get().connectionString());
    }

    @LocalServerPort
    int port;

    BankHttp http;

    @BeforeEach
    void connect() {
        http = new BankHttp(port);
    }

    /** Opens a new account with a fresh number (and the opening balance, when not null) and returns the number. */
    String openAccount(String openingBalance) {
        String number = "E2E-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientName", "Client " + number);
        if (openingBalance != null) {
            body.put("openingBalance", new BigDecimal(openingBalance));
        }
        BankHttp.Reply opened = http.post(account(number), body);
        assertThat(opened.status()).as("%s", opened).isEqualTo(201);
        return number;
    }

    BankHttp.Reply deposit(String number, String amount) {
        return http.post(account(number) + "/deposits", Map.of("amount", new BigDecimal(amount)));
    }

    BankHttp.Reply withdraw(String number, String amount) {
        return http.post(account(number) + "/withdrawals", Map.of("amount", new BigDecimal(amount)));
    }

    BankHttp.Reply setOverdraftLimit(String number, String limit) {
        return http.put(account(number) + "/overdraft-limit", Map.of("limit", new BigDecimal(limit)));
    }

    BigDecimal balanceOf(String number) {
        BankHttp.Reply balance = http.get(account(number) + "/balance");
        assertThat(balance.status()).as("%s", balance).isEqualTo(200);
        return balance.decimal("balance");
    }

    List<String> eventTypes(String number) {
        List<String> types = new ArrayList<>();
        http.get(account(number) + "/events").json().forEach(e -> types.add(e.get("eventType").asText()));
        return types;
    }

    /** An error answer: the status, and a problem detail with a sentence for people (no stack trace). */
    static void assertProblem(BankHttp.Reply reply, int status, String detailContains) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(status);
        assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(reply.json().path("status").asInt()).isEqualTo(status);
        String detail = reply.json().path("detail").asText();
        assertThat(detail).containsIgnoringCase(detailContains).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
