package io.github.eventsourcing.azure.demo.bank.web;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.github.eventsourcing.azure.demo.bank.web.BankHttp.account;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every write of the API with an {@code Idempotency-Key}, over real HTTP against Table storage: a repeated request
 * gets the first one's status and body, as of its write, and nothing is written twice.
 */
@DisplayName("Idempotency-Key on every write, end to end on Table storage")
class IdempotencyKeyEndToEndTest extends BankOnAzurite {

    @Test
    @DisplayName("opening an account twice with one key answers 201 both times and opens it once")
    void open() {
        String number = "IK-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = Map.of("clientName", "Ada", "openingBalance", new BigDecimal("50.00"));

        BankHttp.Reply first = keyed("POST", account(number), body, "open-1");
        BankHttp.Reply again = keyed("POST", account(number), body, "open-1");

        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertSameAnswer(again, first);
        assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(eventTypes(number)).containsExactly("Account Opened", "Money Deposited");
        assertProblem(keyed("POST", account(number), Map.of("clientName", "Ada"), "open-1"), 422, "already used");
    }

    @Test
    @DisplayName("a repeated deposit answers its first sequence number, after other writes too, and counts once")
    void deposit() {
        String number = openAccount("10.00");
        Map<String, Object> body = Map.of("amount", new BigDecimal("5.00"), "commentary", "cash");
        BankHttp.Reply first = keyed("POST", account(number) + "/deposits", body, "dep-1");
        deposit(number, "1.00");

        BankHttp.Reply again = keyed("POST", account(number) + "/deposits", body, "dep-1");

        assertSameAnswer(again, first);
        assertThat(balanceOf(number)).isEqualByComparingTo("16.00");
    }

    @Test
    @DisplayName("a repeated withdrawal answers the balance right after it, and is not refused for what it spent")
    void withdrawal() {
        String number = openAccount("100.00");
        Map<String, Object> body = Map.of("amount", new BigDecimal("80.00"));
        BankHttp.Reply first = keyed("POST", account(number) + "/withdrawals", body, "wd-1");
        deposit(number, "3.00");
        assertThat(withdraw(number, "80.00").status()).as("without the key: a new withdrawal").isEqualTo(422);

        BankHttp.Reply again = keyed("POST", account(number) + "/withdrawals", body, "wd-1");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.decimal("balance")).isEqualByComparingTo("20.00");
        assertSameAnswer(again, first);
        assertThat(balanceOf(number)).isEqualByComparingTo("23.00");
    }

    @Test
    @DisplayName("a repeated overdraft limit or beneficiary answers its first version and writes once")
    void settings() {
        String number = openAccount("10.00");
        Map<String, Object> limit = Map.of("limit", new BigDecimal("200.00"));
        Map<String, Object> beneficiary = Map.of("name", "Grace", "countryOfResidence", "UK");
        BankHttp.Reply firstLimit = keyed("PUT", account(number) + "/overdraft-limit", limit, "set-1");
        BankHttp.Reply firstBeneficiary = keyed("PUT", account(number) + "/beneficiary", beneficiary, "set-1");

        assertSameAnswer(keyed("PUT", account(number) + "/overdraft-limit", limit, "set-1"), firstLimit);
        assertSameAnswer(keyed("PUT", account(number) + "/beneficiary", beneficiary, "set-1"), firstBeneficiary);
        assertThat(eventTypes(number)).containsExactly("Account Opened", "Money Deposited", "Overdraft Limit Set",
                "Beneficiary Set");
    }

    @Test
    @DisplayName("a repeated interest accrual answers the first accrual instead of 'already accrued today'")
    void interestAccrual() {
        String number = openAccount("1000.00");
        Map<String, Object> rates = Map.of("creditRate", new BigDecimal("0.001"));
        BankHttp.Reply first = keyed("POST", account(number) + "/interest/accruals", rates, "acc-1");

        BankHttp.Reply again = keyed("POST", account(number) + "/interest/accruals", rates, "acc-1");

        assertThat(first.status()).as("%s", first).isEqualTo(200);
        assertSameAnswer(again, first);
        assertProblem(http.post(account(number) + "/interest/accruals", rates), 409, "already");
        assertThat(eventTypes(number)).containsExactly("Account Opened", "Money Deposited", "Interest Accrued");
    }

    @Test
    @DisplayName("a repeated interest payment answers the amount and balance of the first payment")
    void interestPayment() {
        String number = openAccount("1000.00");
        http.post(account(number) + "/interest/accruals", Map.of("creditRate", new BigDecimal("0.001")));
        BankHttp.Reply first = keyed("POST", account(number) + "/interest/payments", null, "pay-1");
        deposit(number, "5.00");

        BankHttp.Reply again = keyed("POST", account(number) + "/interest/payments", null, "pay-1");

        assertThat(first.decimal("amount")).isEqualByComparingTo("1.00");
        assertThat(first.decimal("balance")).isEqualByComparingTo("1001.00");
        assertSameAnswer(again, first);
        assertThat(balanceOf(number)).isEqualByComparingTo("1006.00");
    }

    @Test
    @DisplayName("one key with another commentary is a 422 problem; a malformed key a 400 one; neither writes")
    void refusedKeys() {
        String number = openAccount("10.00");
        keyed("POST", account(number) + "/deposits", Map.of("amount", 1, "commentary", "a"), "dep-2");

        assertProblem(keyed("POST", account(number) + "/deposits", Map.of("amount", 1, "commentary", "b"), "dep-2"),
                422, "different request");
        assertProblem(keyed("POST", account(number) + "/deposits", Map.of("amount", 1), "k".repeat(256)), 400,
                "at most 255");
        assertProblem(keyed("POST", account(number) + "/deposits", Map.of("amount", 1), "\"unterminated"), 400,
                "closing quote");
        assertThat(balanceOf(number)).isEqualByComparingTo("11.00");
    }

    @Test
    @DisplayName("the same key from another user is another request")
    void scopedToTheUser() {
        String number = openAccount("10.00");
        Map<String, Object> body = Map.of("amount", 2);
        http.send("POST", account(number) + "/deposits", body, Map.of("Idempotency-Key", "dep-3", "X-User", "ann"));
        http.send("POST", account(number) + "/deposits", body, Map.of("Idempotency-Key", "dep-3", "X-User", "bob"));
        http.send("POST", account(number) + "/deposits", body, Map.of("Idempotency-Key", "dep-3", "X-User", "ann"));

        assertThat(balanceOf(number)).isEqualByComparingTo("14.00");
    }

    @Test
    @DisplayName("a client gone before the answer retries and gets the original result, with one withdrawal stored")
    void responseLostAfterTheWrite() throws Exception {
        String number = openAccount("100.00");
        String body = "{\"amount\": 70}";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + account(number) + "/withdrawals HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nIdempotency-Key: lost-1\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } // closed without reading the answer
        awaitEvents(number, 3);

        BankHttp.Reply retry = keyed("POST", account(number) + "/withdrawals", body, "lost-1");

        assertThat(retry.status()).as("%s", retry).isEqualTo(200);
        assertThat(retry.decimal("balance")).isEqualByComparingTo("30.00");
        assertThat(retry.json().get("sequenceNumber").asLong()).isEqualTo(3);
        assertThat(eventTypes(number)).containsExactly("Account Opened", "Money Deposited", "Money Withdrawn");
    }

    private BankHttp.Reply keyed(String method, String path, Object body, String key) {
        return http.send(method, path, body, Map.of("Idempotency-Key", key));
    }

    private static void assertSameAnswer(BankHttp.Reply again, BankHttp.Reply first) {
        assertThat(again.status()).as("%s", again).isEqualTo(first.status());
        assertThat(again.json()).isEqualTo(first.json());
    }

    private void awaitEvents(String number, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (eventTypes(number).size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(eventTypes(number)).hasSize(count);
    }
}
