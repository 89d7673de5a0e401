package io.github.eventsourcing.azure.demo.bank.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Money transfers over HTTP, end to end on Table storage")
class TransfersEndToEndTest extends TransfersOnAzurite {

    @Test
    @DisplayName("a transfer completes, with one withdrawal and one deposit that carry its id as correlation id")
    void completes() {
        String from = openAccount("100.00");
        String to = openAccount("5.00");
        String id = startTransfer(from, to, "30.25");

        JsonNode done = awaitTerminal(id);
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("from").asText()).isEqualTo(from);
        assertThat(done.get("to").asText()).isEqualTo(to);
        assertThat(done.get("amount").decimalValue()).isEqualByComparingTo("30.25");
        assertThat(done.has("reason")).isFalse();
        List<String> steps = new ArrayList<>();
        done.get("steps").forEach(step -> {
            steps.add(step.get("name").asText() + ":" + step.get("status").asText());
            assertThat(Instant.parse(step.get("at").asText())).isBefore(Instant.now().plusSeconds(1));
        });
        assertThat(steps).containsExactly("debit:completed", "credit:completed");

        assertThat(balanceOf(from)).isEqualByComparingTo("69.75");
        assertThat(balanceOf(to)).isEqualByComparingTo("35.25");
        assertThat(transferEvents(from, id)).containsExactly("Money Withdrawn");
        assertThat(transferEvents(to, id)).containsExactly("Money Deposited");
    }

    @Test
    @DisplayName("a transfer the source cannot pay fails with reason insufficient-funds, and nothing moves")
    void insufficientFunds() {
        String from = openAccount("10.00");
        String to = openAccount(null);
        JsonNode done = awaitTerminal(startTransfer(from, to, "10.01"));
        assertThat(done.get("status").asText()).isEqualTo("failed");
        assertThat(done.get("reason").asText()).isEqualTo("insufficient-funds");
        assertThat(balanceOf(from)).isEqualByComparingTo("10.00");
        assertThat(balanceOf(to)).isEqualByComparingTo("0");
    }

    @Test
    @DisplayName("the overdraft limit of the source applies, as for withdrawals")
    void overdraftApplies() {
        String from = openAccount("10.00");
        assertThat(setOverdraftLimit(from, "20.00").ok()).isTrue();
        String to = openAccount(null);
        assertThat(awaitTerminal(startTransfer(from, to, "30.00")).get("status").asText()).isEqualTo("completed");
        assertThat(awaitTerminal(startTransfer(from, to, "0.01")).get("reason").asText())
                .isEqualTo("insufficient-funds");
        assertThat(balanceOf(from)).isEqualByComparingTo("-20.00");
    }

    @Test
    @DisplayName("a replay with the same Idempotency-Key and body is the same transfer; another body is a 422; another "
            + "sender's equal key is another transfer; a malformed key is a 400")
    void idempotencyKey() {
        String from = openAccount("50.00");
        String to = openAccount(null);
        Map<String, String> key = Map.of("Idempotency-Key", "key-" + UUID.randomUUID());
        BankHttp.Reply first = http.send("POST", TRANSFERS, transfer(from, to, "7.00"), key);
        assertThat(first.status()).as("%s", first).isEqualTo(202);
        String id = first.json().get("id").asText();
        awaitTerminal(id);

        BankHttp.Reply replay = http.send("POST", TRANSFERS, transfer(from, to, "7"), key);
        assertThat(replay.status()).as("%s", replay).isEqualTo(202);
        assertThat(replay.json().get("id").asText()).isEqualTo(id);
        assertThat(replay.json().get("status").asText()).isEqualTo("completed");
        assertThat(replay.headers().firstValue("Location")).hasValue(TRANSFERS + "/" + id);
        assertProblem(http.send("POST", TRANSFERS, transfer(from, to, "8.00"), key), 422, "Idempotency-Key");
        assertThat(balanceOf(to)).isEqualByComparingTo("7.00");

        // Keys are scoped to their sender, and checked by the library's rules.
        BankHttp.Reply otherSender = http.send("POST", TRANSFERS, transfer(from, to, "8.00"),
                Map.of("Idempotency-Key", key.get("Idempotency-Key"), "X-User", "teller-" + UUID.randomUUID()));
        assertThat(otherSender.status()).as("%s", otherSender).isEqualTo(202);
        assertThat(otherSender.json().get("id").asText()).isNotEqualTo(id);
        awaitTerminal(otherSender.json().get("id").asText());
        assertThat(balanceOf(to)).isEqualByComparingTo("15.00");
        assertProblem(http.send("POST", TRANSFERS, transfer(from, to, "1"), Map.of("Idempotency-Key", "\"unterminated")),
                400, "dempotency");
        assertThat(balanceOf(to)).isEqualByComparingTo("15.00");
    }

    @Test
    @DisplayName("refuses invalid transfers with a problem: 400 for the body or equal accounts, 404 for unknown ones")
    void refusals() {
        String from = openAccount("50.00");
        String to = openAccount(null);
        assertProblem(http.post(TRANSFERS, transfer(from, to, "0")), 400, "greater than zero");
        assertProblem(http.post(TRANSFERS, transfer(from, to, "1.001")), 400, "2 decimals");
        assertProblem(http.post(TRANSFERS, transfer(from, to, "1000000000000.01")), 400, "exceed");
        assertProblem(http.post(TRANSFERS, transfer(from, from, "1")), 400, "differ");
        assertProblem(http.post(TRANSFERS, "{\"from\": \"" + from + "\"}"), 400, "required");
        assertProblem(http.post(TRANSFERS, "not json"), 400, "JSON");
        assertProblem(http.post(TRANSFERS, transfer(from, "NOPE-" + UUID.randomUUID(), "1")), 404, "not");
        assertProblem(http.post(TRANSFERS, transfer("NOPE-" + UUID.randomUUID(), to, "1")), 404, "not");
        assertProblem(http.get(TRANSFERS + "/" + UUID.randomUUID()), 404, "no transfer");
        assertProblem(http.get(TRANSFERS + "/not%20an%20id"), 404, "no transfer");
        assertProblem(http.delete(TRANSFERS + "/" + UUID.randomUUID()), 404, "no transfer");
        assertThat(balanceOf(from)).isEqualByComparingTo("50.00");
    }

    @Test
    @DisplayName("a finished transfer cannot be cancelled (409), and the list shows the newest transfers first")
    void finishedAndListed() {
        String from = openAccount("50.00");
        String to = openAccount(null);
        String first = startTransfer(from, to, "1.00");
        awaitTerminal(first);
        String second = startTransfer(from, to, "2.00");
        awaitTerminal(second);
        assertProblem(http.delete(TRANSFERS + "/" + first), 409, "finished");

        List<String> listed = new ArrayList<>();
        http.get(TRANSFERS + "?limit=50").json().forEach(t -> listed.add(t.get("id").asText()));
        assertThat(listed).contains(first, second);
        assertThat(listed.indexOf(second)).isLessThan(listed.indexOf(first));
        assertThat(http.get(TRANSFERS + "?limit=1").json()).singleElement()
                .satisfies(latest -> assertThat(latest.get("id").asText()).isEqualTo(second));
        assertProblem(http.get(TRANSFERS + "?limit=0"), 400, "limit");
        assertProblem(http.get(TRANSFERS + "?limit=51"), 400, "limit");
    }

    /** The event types of the account's events that the transfer wrote (by correlation id). */
    private List<String> transferEvents(String account, String transferId) {
        List<String> types = new ArrayList<>();
        http.get(BankHttp.account(account) + "/events").json().forEach(event -> {
            if (transferId.equals(event.path("context").path("correlationId").asText())) {
                types.add(event.get("eventType").asText());
            }
        });
        return types;
    }
}
