package io.github.eventsourcing.azure.demo.bank.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventsourcing.azure.command.event.InstanceOutcomesRecorded;
import io.github.eventsourcing.azure.demo.bank.query.HighestBalance;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.github.eventsourcing.azure.demo.bank.web.BankHttp.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The highest-balance query over real HTTP, on a bank of its own (tables with a prefix of their own): first empty,
 * then with a tie, then under concurrent clients.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bank.interest.nightly-cron=-", "eventsourcing.commands.fan-out.outcomes-per-event=7"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("POST /api/queries/highest-balance and GET /api/queries/{id}, end to end on Table storage")
class HighestBalanceQueryEndToEndTest {

    private static final String TABLE_PREFIX = "hb" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("eventsourcing.connections.default.connection-string", () -> Azurite.get().connectionString());
        registry.add("eventsourcing.table.table-name-prefix", () -> TABLE_PREFIX);
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStreams streams;

    BankHttp http;

    @BeforeEach
    void connect() {
        http = new BankHttp(port);
    }

    @Test
    @Order(1)
    @DisplayName("over a bank without accounts completes with result null")
    void emptyBank() {
        JsonNode query = awaitCompleted(start());
        assertThat(query.has("result")).isTrue();
        assertThat(query.get("result").isNull()).isTrue();
    }

    @Test
    @Order(2)
    @DisplayName("gives a tie to the lowest account number")
    void tie() {
        open("TIE-B", "700.00");
        open("TIE-C", "20.00");
        open("TIE-A", "500.00");
        assertThat(http.post(account("TIE-A") + "/deposits", Map.of("amount", new BigDecimal("200.00"))).ok())
                .isTrue();

        JsonNode result = awaitCompleted(start()).get("result");
        assertThat(result.get("accountNumber").asText()).isEqualTo("TIE-A");
        assertThat(result.get("balance").decimalValue()).isEqualByComparingTo("700.00");
    }

    @Test
    @Order(3)
    @DisplayName("over accounts created and changed concurrently completes, matching a fold of each account at the version it recorded")
    void concurrentChanges() throws Exception {
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String number = "C-" + (100 + i);
            open(number, i + ".50");
            before.add(number);
        }
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int client = c;
            running.add(clients.submit(() -> {
                Random random = new Random(client);
                for (int n = 0; !stop.get(); n++) {
                    String number = before.get(random.nextInt(before.size()));
                    if (n % 5 == 0) {
                        open("N-" + client + "-" + n, random.nextInt(90) + ".00");
                    } else if (random.nextBoolean()) {
                        http.post(account(number) + "/deposits", Map.of("amount", new BigDecimal("37.25")));
                    } else {
                        http.post(account(number) + "/withdrawals", Map.of("amount", new BigDecimal("11.10")));
                    }
                }
                return null;
            }));
        }
        String id;
        JsonNode query;
        try {
            Thread.sleep(300);
            id = start();
            query = awaitCompleted(id);
        } finally {
            stop.set(true);
            for (Future<?> client : running) {
                client.get(30, TimeUnit.SECONDS);
            }
            clients.shutdown();
        }

        Map<String, Long> versions = recordedVersions(id);
        assertThat(versions.keySet()).as("every account that existed when it started").containsAll(before);
        String best = null;
        BigDecimal highest = null;
        for (Map.Entry<String, Long> recorded : versions.entrySet()) {
            BigDecimal balance = foldedDirectly(recorded.getKey(), recorded.getValue());
            int compared = highest == null ? 1 : balance.compareTo(highest);
            if (compared > 0 || compared == 0 && recorded.getKey().compareTo(best) < 0) {
                best = recorded.getKey();
                highest = balance;
            }
        }
        assertThat(query.get("result").get("accountNumber").asText()).isEqualTo(best);
        assertThat(query.get("result").get("balance").decimalValue()).isEqualByComparingTo(highest);
    }

    @Test
    @Order(4)
    @DisplayName("answers 404 for an unknown id, and for one no query can have")
    void unknown() {
        BankHttp.Reply unknown = http.get("/api/queries/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asText()).contains("no query");
        BankHttp.Reply invalid = http.get("/api/queries/not%20an%20id");
        assertThat(invalid.status()).isEqualTo(404);
        assertThat(invalid.json().get("detail").asText()).isEqualTo("There is no query with this id.");
    }

    private String start() {
        BankHttp.Reply started = http.post("/api/queries/highest-balance", null);
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        String id = started.json().get("id").asText();
        assertThat(started.headers().firstValue("Location")).hasValue("/api/queries/" + id);
        return id;
    }

    private JsonNode awaitCompleted(String id) {
        JsonNode[] query = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            BankHttp.Reply reply = http.get("/api/queries/" + id);
            assertThat(reply.status()).as("%s", reply).isEqualTo(200);
            assertThat(reply.json().get("id").asText()).isEqualTo(id);
            assertThat(reply.json().get("status").asText()).isIn("running", "completed");
            query[0] = reply.json();
            return reply.json().get("status").asText().equals("completed");
        });
        return query[0];
    }

    private void open(String number, String balance) {
        BankHttp.Reply opened = http.post(account(number), Map.of("clientName", "Client " + number,
                "openingBalance", new BigDecimal(balance)));
        assertThat(opened.status()).as("%s", opened).isEqualTo(201);
    }

    /** The version of each account the query recorded its balance at, read from the query's own stream. */
    private Map<String, Long> recordedVersions(String id) {
        Map<String, Long> versions = new HashMap<>();
        streams.stream(HighestBalance.TYPE.instance(id)).read().forEach(event -> {
            if (event.payload() instanceof InstanceOutcomesRecorded recorded) {
                recorded.outcomes().forEach(outcome -> assertThat(versions.put(outcome.key(), outcome.version()))
                        .as("recorded once: %s", outcome.key()).isNull());
            }
        });
        return versions;
    }

    /** The balance after the account's events up to the version, summed here from its history over HTTP. */
    private BigDecimal foldedDirectly(String number, long version) {
        BigDecimal balance = BigDecimal.ZERO;
        for (JsonNode event : http.get(account(number) + "/events").json()) {
            if (event.get("sequenceNumber").asLong() > version) {
                break;
            }
            BigDecimal amount = event.path("payload").path("amount").decimalValue();
            switch (event.get("eventType").asText()) {
                case "Money Deposited", "Interest Paid" -> balance = balance.add(amount);
                case "Money Withdrawn" -> balance = balance.subtract(amount);
                default -> {
                }
            }
        }
        return balance;
    }
}
