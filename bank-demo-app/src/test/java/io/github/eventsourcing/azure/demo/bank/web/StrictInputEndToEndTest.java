package io.github.eventsourcing.azure.demo.bank.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.github.eventsourcing.azure.demo.bank.web.BankHttp.account;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input meant to hurt: numbers whose plain form has a billion digits, numbers and names of the wrong JSON type,
 * fields the API does not take, and a user name in UTF-8. Each is answered at once, with a small 400 problem, and
 * writes nothing; the UTF-8 name is stored as sent.
 */
@DisplayName("Strict, bounded input")
class StrictInputEndToEndTest extends BankOnAzurite {

    /** Far more than a 400 needs, far less than a number written out in full. */
    private static final int SMALL_BODY = 1024;
    private static final Duration FAST = Duration.ofSeconds(2);

    @Nested
    @DisplayName("Extreme numbers")
    class ExtremeNumbers {

        @ParameterizedTest(name = "balanceBelow={0}")
        @ValueSource(strings = {"1e-999999999", "-1e-999999999", "1e999999999", "1E+2147483647", "0.0000000001"})
        @DisplayName("a balanceBelow threshold of extreme scale is a fast, small 400")
        void threshold(String threshold) {
            assertFastSmallProblem(() -> http.get("/api/accounts?balanceBelow=" + threshold), "balanceBelow");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"1e-100000000", "-1e-999999999", "1e999999999", "0.001", "1000000000000.01"})
        @DisplayName("an amount of extreme scale or magnitude is a fast, small 400 on every write that takes one")
        void amounts(String amount) {
            String number = openAccount("10.00");
            String path = account(number);

            assertFastSmallProblem(() -> http.post(path + "/deposits", "{\"amount\": " + amount + "}"), "amount");
            assertFastSmallProblem(() -> http.post(path + "/withdrawals", "{\"amount\": " + amount + "}"), "amount");
            assertFastSmallProblem(() -> http.put(path + "/overdraft-limit", "{\"limit\": " + amount + "}"),
                    "overdraft limit");
            assertFastSmallProblem(() -> http.post(account(number + "-new"),
                    "{\"clientName\": \"Ada\", \"openingBalance\": " + amount + "}"), "opening balance");
            assertThat(eventTypes(number)).containsExactly("Account Opened", "Money Deposited");
            assertThat(http.get(account(number + "-new")).status()).isEqualTo(404);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"1e-999999999", "1e999999999", "-0.1", "1.5", "0.000000001"})
        @DisplayName("a credit or debit rate out of bounds (0 to 1, at most 8 decimals) is a fast, small 400")
        void rates(String rate) {
            String number = openAccount("10.00");
            String accruals = account(number) + "/interest/accruals";

            assertFastSmallProblem(() -> http.post(accruals, "{\"creditRate\": " + rate + "}"), "credit rate");
            assertFastSmallProblem(() -> http.post(accruals, "{\"debitRate\": " + rate + "}"), "debit rate");
            assertThat(eventTypes(number)).doesNotContain("Interest Accrued");
        }

        @Test
        @DisplayName("a number a megabyte long is refused before it is parsed")
        void megabyteNumber() {
            String number = openAccount(null);

            assertFastSmallProblem(() -> http.post(account(number) + "/deposits",
                    "{\"amount\": 1" + "0".repeat(1024 * 1024) + "}"), "too long");
        }

        @Test
        @DisplayName("an amount with trailing zeros beyond cents is the same amount, and is accepted")
        void trailingZeros() {
            String number = openAccount(null);

            assertThat(http.post(account(number) + "/deposits", "{\"amount\": 12.5000}").ok()).isTrue();
            assertThat(http.post(account(number) + "/deposits", "{\"amount\": 1.2E+1}").ok()).isTrue();
            assertThat(balanceOf(number)).isEqualByComparingTo("24.50");
        }
    }

    @Nested
    @DisplayName("JSON types and fields")
    class JsonTypes {

        @ParameterizedTest(name = "{0} {1} {2}")
        @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
                POST | /deposits          | {"amount": "12.5"}                    | 'amount' must be a JSON number
                POST | /deposits          | {"amount": true}                      | 'amount' must be a JSON number
                PUT  | /overdraft-limit   | {"limit": ""}                         | 'limit' must be a JSON number
                POST | /interest/accruals | {"creditRate": "0.1"}                 | 'creditRate' must be a JSON number
                POST | ''                 | {"clientName": 5}                     | 'clientName' must be a JSON string
                POST | ''                 | {"clientName": false}                 | 'clientName' must be a JSON string
                PUT  | /beneficiary       | {"name": 12.5}                        | 'name' must be a JSON string
                POST | /deposits          | {"amount": 1, "commentary": 1.5}      | 'commentary' must be a JSON string
                """)
        @DisplayName("a value of the wrong JSON type (a number as text, text as a number) is refused, naming the field")
        void wrongType(String method, String operation, String body, String detail) {
            String number = openAccount(null);

            assertProblem(http.send(method, account(number) + operation.replace("''", ""), body, Map.of()), 400,
                    detail);
            assertThat(eventTypes(number)).containsExactly("Account Opened");
        }

        @Test
        @DisplayName("text with a lone UTF-16 surrogate is a 400, and nothing is written")
        void loneSurrogate() {
            String number = openAccount(null);

            assertProblem(http.post(account(number) + "/deposits", "{\"amount\": 1, \"commentary\": \"x\\ud800\"}"),
                    400, "not valid Unicode");
            assertThat(eventTypes(number)).containsExactly("Account Opened");
        }

        @Test
        @DisplayName("a field the request does not take is refused, with the fields it does take")
        void unknownField() {
            String number = openAccount(null);

            BankHttp.Reply reply = http.post(account(number) + "/deposits", "{\"amout\": 5}");

            assertProblem(reply, 400, "'amout' is not one of them");
            assertThat(reply.json().path("detail").asText()).contains("amount", "commentary", "source");
        }

        @Test
        @DisplayName("a field given twice, or anything after the JSON value, is refused")
        void duplicateOrTrailing() {
            String number = openAccount(null);

            assertProblem(http.post(account(number) + "/deposits", "{\"amount\": 1, \"amount\": 1000}"), 400,
                    "not valid JSON");
            assertProblem(http.post(account(number) + "/deposits", "{\"amount\": 1} {\"amount\": 2}"), 400,
                    "not valid JSON");
            assertThat(eventTypes(number)).containsExactly("Account Opened");
        }

        @Test
        @DisplayName("a deeply nested body is refused")
        void deeplyNested() {
            String number = openAccount(null);

            assertFastSmallProblem(() -> http.post(account(number) + "/deposits",
                    "{\"amount\": " + "[".repeat(5000) + "]".repeat(5000) + "}"), "not valid JSON");
        }
    }

    @Nested
    @DisplayName("The X-User header")
    class UserHeader {

        @Test
        @DisplayName("is read as UTF-8: 'Zo\u00eb \uD83D\uDE00' is stored as sent")
        void utf8() {
            String number = openAccount(null);

            RawHttp.Reply deposited = depositAs(number, "Zo\u00eb \uD83D\uDE00".getBytes(StandardCharsets.UTF_8));

            assertThat(deposited.status()).as("%s", deposited).isEqualTo(200);
            JsonNode deposit = http.get(account(number) + "/events").json().get(1);
            assertThat(deposit.path("context").path("who").asText()).isEqualTo("Zo\u00eb \uD83D\uDE00");
        }

        @Test
        @DisplayName("that is not UTF-8 is a 400 problem, and nothing is written")
        void malformed() {
            String number = openAccount(null);

            for (byte[] notUtf8 : List.of(new byte[] {'Z', 'o', (byte) 0xEB}, new byte[] {(byte) 0xC0, (byte) 0xAF},
                    new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})) {
                RawHttp.Reply refused = depositAs(number, notUtf8);

                assertThat(refused.status()).as("%s", refused).isEqualTo(400);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.body()).contains("X-User must be text in UTF-8");
            }
            assertThat(eventTypes(number)).containsExactly("Account Opened");
        }

        /** A deposit of 1 with these bytes as X-User (Java's HTTP client would send '?' for each byte over 0x7F). */
        private RawHttp.Reply depositAs(String number, byte[] user) {
            return new RawHttp(port).send("POST " + account(number) + "/deposits HTTP/1.1",
                    List.of("Content-Type: application/json",
                            "X-User: " + new String(user, StandardCharsets.ISO_8859_1)),
                    "{\"amount\": 1}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void assertFastSmallProblem(Supplier<BankHttp.Reply> request, String detailContains) {
        long started = System.nanoTime();
        BankHttp.Reply reply = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertProblem(reply, 400, detailContains);
        assertThat(reply.text().length()).as("body size").isLessThan(SMALL_BODY);
        assertThat(took).as("answered at once").isLessThan(FAST);
    }
}
