package io.github.eventsourcing.azure.demo.bank.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventsourcing.azure.demo.bank.crash.PausePointConfiguration;
import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crashes and pauses of real processes: the demo runs in JVMs of its own on one Azurite (claims of 5 s, a resume
 * check every second). A second process runs throughout and resumes what the killed or stopped one left.
 */
@DisplayName("Transfers across process crashes, end to end on Table storage")
class TransferCrashEndToEndTest {

    /** claim-duration + resume-interval + 10 s, as the API promises after a crash, and time for a busy machine. */
    private static final Duration AFTER_A_CRASH = Duration.ofSeconds(5 + 1 + 10 + 10);

    private static DemoProcess survivor;

    @BeforeAll
    static void startSurvivor() {
        survivor = DemoProcess.start(Azurite.get().connectionString());
    }

    @AfterAll
    static void stopSurvivor() {
        survivor.close();
    }

    @ParameterizedTest(name = "killed at {0}, the transfer ends exactly once, completed, and no money is made or lost")
    @ValueSource(strings = {"before-completion-of-debit", "after-completion-of-debit", "before-completion-of-credit"})
    void killedAtAPausePoint(String point) {
        BankHttp http = new BankHttp(survivor.port);
        String from = open(http, "100.00");
        String to = open(http, "0.00");
        String id;
        try (DemoProcess victim = DemoProcess.start(Azurite.get().connectionString(), "--bank.test.pause-at=" + point)) {
            id = startTransfer(new BankHttp(victim.port), from, to);
            victim.awaitLine(line -> line.equals(PausePointConfiguration.MARKER + " " + point + " " + id),
                    Duration.ofSeconds(20));
            victim.kill();
        }
        JsonNode done = awaitTerminal(http, id, AFTER_A_CRASH);
        assertThat(done.get("status").asText()).as("%s", done).isEqualTo("completed");
        assertMovedOnce(http, id, from, to);
    }

    @Test
    @DisplayName("a holder stopped mid-step loses its claim to the other process, which finishes; the holder, continued, records nothing")
    void stoppedHolderIsFencedOff() {
        BankHttp http = new BankHttp(survivor.port);
        String from = open(http, "100.00");
        String to = open(http, "0.00");
        String point = "before-completion-of-credit";
        try (DemoProcess holder = DemoProcess.start(Azurite.get().connectionString(), "--bank.test.pause-at=" + point,
                "--bank.test.pause-for=2s")) {
            String id = startTransfer(new BankHttp(holder.port), from, to);
            holder.awaitLine(line -> line.equals(PausePointConfiguration.MARKER + " " + point + " " + id),
                    Duration.ofSeconds(20));
            holder.suspend(); // its credit is written, its completion not recorded; its renewals stop too
            JsonNode done = awaitTerminal(http, id, AFTER_A_CRASH);
            assertThat(done.get("status").asText()).as("%s", done).isEqualTo("completed");
            holder.resume();
            holder.awaitLine(line -> line.contains(id) && line.contains("another instance claimed it"),
                    Duration.ofSeconds(20));
            assertMovedOnce(http, id, from, to);
        }
    }

    private static void assertMovedOnce(BankHttp http, String id, String from, String to) {
        assertThat(balance(http, from)).isEqualByComparingTo("70.00");
        assertThat(balance(http, to)).isEqualByComparingTo("30.00");
        assertThat(eventsOf(http, from, id)).containsExactly("Money Withdrawn");
        assertThat(eventsOf(http, to, id)).containsExactly("Money Deposited");
    }

    private static String open(BankHttp http, String balance) {
        String number = "CRASH-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientName", "Client " + number);
        body.put("openingBalance", new BigDecimal(balance));
        assertThat(http.post(BankHttp.account(number), body).status()).isEqualTo(201);
        return number;
    }

    private static String startTransfer(BankHttp http, String from, String to) {
        BankHttp.Reply started = http.post("/api/transfers", TransfersOnAzurite.transfer(from, to, "30.00"));
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        return started.json().get("id").asText();
    }

    private static JsonNode awaitTerminal(BankHttp http, String id, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(200))
                .until(() -> !http.get("/api/transfers/" + id).json().path("status").asText().equals("pending"));
        return http.get("/api/transfers/" + id).json();
    }

    private static BigDecimal balance(BankHttp http, String number) {
        return http.get(BankHttp.account(number) + "/balance").json().get("balance").decimalValue();
    }

    private static List<String> eventsOf(BankHttp http, String account, String transferId) {
        List<String> types = new ArrayList<>();
        http.get(BankHttp.account(account) + "/events").json().forEach(event -> {
            if (transferId.equals(event.path("context").path("correlationId").asText())) {
                types.add(event.get("eventType").asText());
            }
        });
        return types;
    }
}
