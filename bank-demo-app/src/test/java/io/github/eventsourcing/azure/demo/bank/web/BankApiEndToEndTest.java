package io.github.eventsourcing.azure.demo.bank.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.github.eventsourcing.azure.demo.bank.web.BankHttp.account;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the HTTP API, with each of its outcomes, over real HTTP against the application as configured
 * in application.yml (accounts in Azure Table storage, here Azurite).
 */
@DisplayName("The bank's HTTP API, end to end on Table storage")
class BankApiEndToEndTest extends BankOnAzurite {

    @Nested
    @DisplayName("POST /api/accounts/{accountNumber}")
    class Open {

        @Test
        @DisplayName("opens an account with its opening balance: 201 with its location")
        void opens() {
            String number = "E2E-" + UUID.randomUUID().toString().substring(0, 8);

            BankHttp.Reply opened = http.post(account(number), Map.of("clientName", "Ada Lovelace",
                    "commentary", "walk-in customer", "openingBalance", new BigDecimal("150.25")));

            assertThat(opened.status()).isEqualTo(201);
            assertThat(opened.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/api/accounts/" + number));
            assertThat(opened.json().get("accountNumber").asText()).isEqualTo(number);
            JsonNode details = http.get(account(number)).json();
            assertThat(details.get("clientName").asText()).isEqualTo("Ada Lovelace");
            assertThat(details.get("balance").decimalValue()).isEqualByComparingTo("150.25");
            JsonNode events = http.get(account(number) + "/events").json();
            assertThat(events.get(0).path("context").path("commentary").asText()).isEqualTo("walk-in customer");
        }

        @Test
        @DisplayName("answers 409 when the account exists, and leaves it unchanged")
        void refusesExisting() {
            String number = openAccount("10.00");

            BankHttp.Reply again = http.post(account(number), Map.of("clientName", "Mallory",
                    "openingBalance", new BigDecimal("1000000")));

            assertProblem(again, 409, "already exists");
            assertThat(http.get(account(number)).json().get("clientName").asText()).isEqualTo("Client " + number);
            assertThat(balanceOf(number)).isEqualByComparingTo("10.00");
        }

        @Test
        @DisplayName("answers 400 for a missing client name, a negative or over-precise opening balance, or bad JSON")
        void refusesInvalid() {
            String number = "E2E-" + UUID.randomUUID().toString().substring(0, 8);

            assertProblem(http.post(account(number), Map.of("clientName", "  ")), 400, "client name");
            assertProblem(http.post(account(number), Map.of("clientName", "Ada", "openingBalance", -5)), 400,
                    "must not be negative");
            assertProblem(http.post(account(number), Map.of("clientName", "Ada",
                    "openingBalance", new BigDecimal("1.001"))), 400, "at most 2 decimals");
            assertProblem(http.post(account(number), "{\"clientName\": "), 400, "not valid JSON");
            assertProblem(http.post(account(number), Map.of("clientName", "Ada", "openingBalance", "lots")), 400,
                    "not valid JSON");
            assertThat(http.get(account(number)).status()).as("nothing was opened").isEqualTo(404);
        }

        @Test
        @DisplayName("keeps account numbers that storage keys cannot hold apart, or refuses them with 400")
        void awkwardAccountNumbers() {
            String suffix = UUID.randomUUID().toString().substring(0, 6);
            List<String> numbers = List.of("slash/" + suffix, "back\\slash" + suffix, "hash#" + suffix,
                    "question?" + suffix, "percent%25" + suffix, "space " + suffix, "\u00fcml\u00e4ut-" + suffix,
                    "emoji\uD83D\uDCB0" + suffix, "x".repeat(300), "tab\t" + suffix, "'quote'" + suffix,
                    "dot." + suffix);
            Map<String, Integer> outcomes = new LinkedHashMap<>();
            for (String number : numbers) {
                BankHttp.Reply opened = http.post(account(number), Map.of("clientName", "Owner of " + number,
                        "openingBalance", 1));
                outcomes.put(number, opened.status());
                assertThat(opened.status()).as("opening '%s': %s", number, opened).isIn(201, 400);
            }
            for (String number : numbers) {
                if (outcomes.get(number) == 201) {
                    BankHttp.Reply details = http.get(account(number));
                    assertThat(details.status()).as("%s", number).isEqualTo(200);
                    assertThat(details.json().get("accountNumber").asText()).isEqualTo(number);
                    assertThat(details.json().get("clientName").asText()).isEqualTo("Owner of " + number);
                    assertThat(eventTypes(number)).as("'%s' has only its own events", number)
                            .containsExactly("Account Opened", "Money Deposited");
                }
            }
            assertThat(outcomes.get("tab\t" + suffix)).as("control characters are refused").isEqualTo(400);
            assertThat(outcomes.get("x".repeat(300))).as("over-long numbers are refused").isEqualTo(400);
            assertThat(outcomes.values()).as("most awkward numbers are stored safely").filteredOn(s -> s == 201)
                    .hasSizeGreaterThanOrEqualTo(6);
        }
    }

    @Nested
    @DisplayName("GET /api/accounts")
    class ListAccounts {

        @Test
        @DisplayName("lists every account with its client and balance")
        void listsAll() {
            String first = openAccount("5.00");
            String second = openAccount("500.00");

            BankHttp.Reply list = http.get("/api/accounts");

            assertThat(list.status()).isEqualTo(200);
            Map<String, JsonNode> byNumber = new LinkedHashMap<>();
            list.json().forEach(a -> byNumber.put(a.get("accountNumber").asText(), a));
            assertThat(byNumber).containsKeys(first, second);
            assertThat(byNumber.get(second).get("balance").decimalValue()).isEqualByComparingTo("500.00");
            assertThat(byNumber.get(second).get("clientName").asText()).isEqualTo("Client " + second);
        }

        @Test
        @DisplayName("with balanceBelow, lists only the accounts the Balance Below Threshold classification includes")
        void filtersByBalance() {
            String low = openAccount("5.00");
            String high = openAccount("500.00");
            String overdrawn = openAccount(null);
            setOverdraftLimit(overdrawn, "100");
            withdraw(overdrawn, "20");

            BankHttp.Reply list = http.get("/api/accounts?balanceBelow=10.50");

            assertThat(list.status()).isEqualTo(200);
            List<String> numbers = new ArrayList<>();
            list.json().forEach(a -> numbers.add(a.get("accountNumber").asText()));
            assertThat(numbers).contains(low, overdrawn).doesNotContain(high);
            list.json().forEach(a -> assertThat(a.get("balance").decimalValue()).isLessThan(new BigDecimal("10.50")));
        }

        @Test
        @DisplayName("answers 400 for a balanceBelow that is not an amount")
        void refusesBadThreshold() {
            assertProblem(http.get("/api/accounts?balanceBelow=lots"), 400, "balanceBelow");
            assertProblem(http.get("/api/accounts?balanceBelow=1.001"), 400, "at most 2 decimals");
        }
    }

    @Nested
    @DisplayName("GET /api/accounts/{accountNumber}")
    class Details {

        @Test
        @DisplayName("shows client, balance, overdraft limit, interest due, beneficiary and version")
        void showsDetails() {
            String number = openAccount("80.00");
            setOverdraftLimit(number, "250");
            http.put(account(number) + "/beneficiary", Map.of("name", "Grace Hopper", "countryOfResidence", "US"));
            http.post(account(number) + "/interest/accruals", Map.of("creditRate", 0.0005, "debitRate", 0.001));

            BankHttp.Reply details = http.get(account(number));

            assertThat(details.status()).isEqualTo(200);
            JsonNode json = details.json();
            assertThat(json.get("accountNumber").asText()).isEqualTo(number);
            assertThat(json.get("clientName").asText()).isEqualTo("Client " + number);
            assertThat(json.get("balance").decimalValue()).isEqualByComparingTo("80.00");
            assertThat(json.get("overdraftLimit").decimalValue()).isEqualByComparingTo("250.00");
            assertThat(json.get("interestDue").decimalValue()).isEqualByComparingTo("0.040000");
            assertThat(json.get("beneficiary").get("name").asText()).isEqualTo("Grace Hopper");
            assertThat(json.get("beneficiary").get("countryOfResidence").asText()).isEqualTo("US");
            assertThat(json.get("sequenceNumber").asLong()).isEqualTo(5);
            assertThat(json.get("lowBalance").asBoolean()).as("below the configured warning of 100").isTrue();
        }

        @Test
        @DisplayName("shows no beneficiary before one is set")
        void noBeneficiary() {
            String number = openAccount(null);

            JsonNode json = http.get(account(number)).json();

            assertThat(json.has("beneficiary")).isTrue();
            assertThat(json.get("beneficiary").isNull()).isTrue();
            assertThat(json.get("balance").decimalValue()).isEqualByComparingTo("0");
        }

        @Test
        @DisplayName("answers 404 for an unknown account")
        void unknown() {
            assertProblem(http.get(account("no-such-" + UUID.randomUUID())), 404, "does not exist");
        }
    }

    @Nested
    @DisplayName("GET /api/accounts/{accountNumber}/balance")
    class GetBalance {

        @Test
        @DisplayName("gives the balance and the version it is as of")
        void balance() {
            String number = openAccount("42.00");
            deposit(number, "0.99");

            BankHttp.Reply balance = http.get(account(number) + "/balance");

            assertThat(balance.status()).isEqualTo(200);
            assertThat(balance.json().get("accountNumber").asText()).isEqualTo(number);
            assertThat(balance.decimal("balance")).isEqualByComparingTo("42.99");
            assertThat(balance.json().get("sequenceNumber").asLong()).isEqualTo(3);
        }

        @Test
        @DisplayName("with asOf, counts only the events written at or before that instant")
        void asOf() throws InterruptedException {
            String number = openAccount("100.00");
            Thread.sleep(15); // so that each write has its own instant
            deposit(number, "25.00");
            Thread.sleep(15);
            withdraw(number, "60.00");
            JsonNode events = http.get(account(number) + "/events").json();
            Instant openedAt = Instant.parse(events.get(0).get("writtenAt").asText());
            Instant depositedAt = Instant.parse(events.get(2).get("writtenAt").asText());

            BankHttp.Reply atDeposit = http.get(account(number) + "/balance?asOf=" + depositedAt);
            BankHttp.Reply justBeforeDeposit = http.get(account(number) + "/balance?asOf="
                    + depositedAt.minusNanos(1_000));
            BankHttp.Reply beforeOpening = http.get(account(number) + "/balance?asOf=" + openedAt.minusSeconds(60));

            assertThat(atDeposit.decimal("balance")).isEqualByComparingTo("125.00");
            assertThat(atDeposit.json().get("sequenceNumber").asLong()).isEqualTo(3);
            assertThat(justBeforeDeposit.decimal("balance")).isEqualByComparingTo("100.00");
            assertThat(justBeforeDeposit.json().get("sequenceNumber").asLong()).isEqualTo(2);
            assertThat(beforeOpening.status()).isEqualTo(200);
            assertThat(beforeOpening.decimal("balance")).isEqualByComparingTo("0");
            assertThat(beforeOpening.json().get("sequenceNumber").asLong()).isZero();
            assertThat(balanceOf(number)).isEqualByComparingTo("65.00");
        }

        @Test
        @DisplayName("answers 404 for an unknown account, also with asOf")
        void unknown() {
            String path = account("no-such-" + UUID.randomUUID()) + "/balance";
            assertProblem(http.get(path), 404, "does not exist");
            assertProblem(http.get(path + "?asOf=2030-01-01T00:00:00Z"), 404, "does not exist");
        }

        @Test
        @DisplayName("answers 400 for an asOf that is not an ISO-8601 instant")
        void badAsOf() {
            String number = openAccount("1.00");
            assertProblem(http.get(account(number) + "/balance?asOf=yesterday"), 400, "ISO-8601");
        }
    }

    @Nested
    @DisplayName("POST /api/accounts/{accountNumber}/deposits")
    class Deposits {

        @Test
        @DisplayName("adds the amount, storing commentary, source and who in the write context")
        void deposits() {
            String number = openAccount("10.00");

            BankHttp.Reply deposited = http.send("POST", account(number) + "/deposits",
                    Map.of("amount", new BigDecimal("15.50"), "commentary", "birthday", "source", "grandma"),
                    Map.of("X-User", "teller-7", "X-Correlation-Id", "corr-123"));

            assertThat(deposited.ok()).as("%s", deposited).isTrue();
            assertThat(deposited.json().get("sequenceNumber").asLong()).isEqualTo(3);
            assertThat(balanceOf(number)).isEqualByComparingTo("25.50");
            JsonNode event = http.get(account(number) + "/events").json().get(2);
            assertThat(event.get("eventType").asText()).isEqualTo("Money Deposited");
            assertThat(event.get("payload").get("amount").decimalValue()).isEqualByComparingTo("15.50");
            assertThat(event.get("context").get("commentary").asText()).isEqualTo("birthday");
            assertThat(event.get("context").get("source").asText()).isEqualTo("grandma");
            assertThat(event.get("context").get("who").asText()).isEqualTo("teller-7");
            assertThat(event.get("context").get("correlationId").asText()).isEqualTo("corr-123");
        }

        @Test
        @DisplayName("answers 404 for an unknown account, without creating it")
        void unknown() {
            String number = "no-such-" + UUID.randomUUID();
            assertProblem(deposit(number, "10"), 404, "does not exist");
            assertThat(http.get(account(number)).status()).isEqualTo(404);
        }

        @Test
        @DisplayName("answers 400 for an amount that is zero, negative, over-precise, missing or not a number")
        void invalidAmounts() {
            String number = openAccount("10.00");

            assertProblem(deposit(number, "0"), 400, "greater than zero");
            assertProblem(deposit(number, "-1"), 400, "greater than zero");
            assertProblem(deposit(number, "0.001"), 400, "at most 2 decimals");
            assertProblem(http.post(account(number) + "/deposits", Map.of("commentary", "no amount")), 400,
                    "amount is required");
            assertProblem(http.post(account(number) + "/deposits", "{\"amount\": \"ten\"}"), 400, "not valid JSON");
            assertProblem(http.post(account(number) + "/deposits", "{\"amount\": 1e400}"), 400, "must not exceed");
            assertThat(eventTypes(number)).containsExactly("Account Opened", "Money Deposited");
        }
    }

    @Nested
    @DisplayName("POST /api/accounts/{accountNumber}/withdrawals")
    class Withdrawals {

        @Test
        @DisplayName("takes the amount out, down to exactly minus the overdraft limit")
        void withdraws() {
            String number = openAccount("100.00");
            setOverdraftLimit(number, "50.00");

            BankHttp.Reply withdrawn = withdraw(number, "150.00");

            assertThat(withdrawn.ok()).as("%s", withdrawn).isTrue();
            assertThat(withdrawn.decimal("balance")).isEqualByComparingTo("-50.00");
            assertThat(balanceOf(number)).isEqualByComparingTo("-50.00");
        }

        @Test
        @DisplayName("answers 422 when the balance plus the overdraft limit is less than the amount, and writes nothing")
        void insufficientFunds() {
            String number = openAccount("100.00");
            setOverdraftLimit(number, "20.00");

            assertProblem(withdraw(number, "120.01"), 422, "cannot withdraw 120.01");
            assertThat(balanceOf(number)).isEqualByComparingTo("100.00");
            assertThat(eventTypes(number)).doesNotContain("Money Withdrawn");
        }

        @Test
        @DisplayName("answers 404 for an unknown account")
        void unknown() {
            assertProblem(withdraw("no-such-" + UUID.randomUUID(), "1"), 404, "does not exist");
        }

        @Test
        @DisplayName("answers 400 for an invalid amount")
        void invalid() {
            String number = openAccount("100.00");
            assertProblem(withdraw(number, "0"), 400, "greater than zero");
            assertProblem(withdraw(number, "1.234"), 400, "at most 2 decimals");
            assertProblem(http.post(account(number) + "/withdrawals", "not json"), 400, "not valid JSON");
        }
    }

    @Nested
    @DisplayName("PUT /api/accounts/{accountNumber}/overdraft-limit")
    class OverdraftLimit {

        @Test
        @DisplayName("sets the limit, with its commentary")
        void sets() {
            String number = openAccount("0");

            BankHttp.Reply set = http.put(account(number) + "/overdraft-limit",
                    Map.of("limit", new BigDecimal("300"), "commentary", "good customer"));

            assertThat(set.ok()).as("%s", set).isTrue();
            assertThat(http.get(account(number)).decimal("overdraftLimit")).isEqualByComparingTo("300.00");
            JsonNode last = http.get(account(number) + "/events").json().get(1);
            assertThat(last.get("eventType").asText()).isEqualTo("Overdraft Limit Set");
            assertThat(last.get("context").get("commentary").asText()).isEqualTo("good customer");
        }

        @Test
        @DisplayName("answers 422 when the balance is already below minus the new limit")
        void belowNewLimit() {
            String number = openAccount(null);
            setOverdraftLimit(number, "100");
            withdraw(number, "80");

            assertProblem(setOverdraftLimit(number, "79.99"), 422, "balance is already -80.00");
            assertThat(setOverdraftLimit(number, "80").ok()).isTrue();
        }

        @Test
        @DisplayName("answers 404 for an unknown account and 400 for a negative or missing limit")
        void errors() {
            assertProblem(setOverdraftLimit("no-such-" + UUID.randomUUID(), "10"), 404, "does not exist");
            String number = openAccount(null);
            assertProblem(setOverdraftLimit(number, "-10"), 400, "must not be negative");
            assertProblem(http.put(account(number) + "/overdraft-limit", Map.of()), 400, "is required");
        }
    }

    @Nested
    @DisplayName("PUT /api/accounts/{accountNumber}/beneficiary")
    class Beneficiary {

        @Test
        @DisplayName("sets the beneficiary; a later one replaces it")
        void sets() {
            String number = openAccount(null);

            assertThat(http.put(account(number) + "/beneficiary", Map.of("name", "Alan Turing")).ok()).isTrue();
            assertThat(http.put(account(number) + "/beneficiary",
                    Map.of("name", "Grace Hopper", "countryOfResidence", "United States")).ok()).isTrue();

            JsonNode beneficiary = http.get(account(number)).json().get("beneficiary");
            assertThat(beneficiary.get("name").asText()).isEqualTo("Grace Hopper");
            assertThat(beneficiary.get("countryOfResidence").asText()).isEqualTo("United States");
        }

        @Test
        @DisplayName("answers 404 for an unknown account and 400 without a name")
        void errors() {
            assertProblem(http.put(account("no-such-" + UUID.randomUUID()) + "/beneficiary", Map.of("name", "X")),
                    404, "does not exist");
            String number = openAccount(null);
            assertProblem(http.put(account(number) + "/beneficiary", Map.of("countryOfResidence", "FR")), 400,
                    "name is required");
        }
    }

    @Nested
    @DisplayName("POST /api/accounts/{accountNumber}/interest/accruals and /payments")
    class Interest {

        @Test
        @DisplayName("accrues balance x credit rate to 6 decimals, once per day (409 the second time)")
        void accruesOncePerDay() {
            String number = openAccount("1234.57");

            BankHttp.Reply accrued = http.post(account(number) + "/interest/accruals",
                    Map.of("creditRate", new BigDecimal("0.0005"), "debitRate", new BigDecimal("0.001")));

            assertThat(accrued.ok()).as("%s", accrued).isTrue();
            assertThat(accrued.decimal("amount")).isEqualByComparingTo("0.617285");
            assertThat(accrued.json().get("accruedOn").asText()).isEqualTo(java.time.LocalDate.now(
                    java.time.ZoneOffset.UTC).toString());
            assertProblem(http.post(account(number) + "/interest/accruals",
                    Map.of("creditRate", 0.0005, "debitRate", 0.001)), 409, "already been accrued");
            assertThat(http.get(account(number)).decimal("interestDue")).isEqualByComparingTo("0.617285");
        }

        @Test
        @DisplayName("accrues balance x debit rate, a negative amount, on an overdrawn account")
        void accruesDebit() {
            String number = openAccount(null);
            setOverdraftLimit(number, "1000");
            withdraw(number, "500");

            BankHttp.Reply accrued = http.post(account(number) + "/interest/accruals",
                    Map.of("creditRate", 0.0005, "debitRate", 0.001));

            assertThat(accrued.decimal("amount")).isEqualByComparingTo("-0.500000");
        }

        @Test
        @DisplayName("pays the interest due rounded half-even to cents into the balance")
        void pays() {
            String number = openAccount("250.00");
            http.post(account(number) + "/interest/accruals", Map.of("creditRate", 0.0005, "debitRate", 0.001));

            BankHttp.Reply paid = http.post(account(number) + "/interest/payments", null);

            assertThat(paid.ok()).as("%s", paid).isTrue();
            assertThat(paid.decimal("amount")).isEqualByComparingTo("0.12");
            assertThat(balanceOf(number)).isEqualByComparingTo("250.12");
            assertThat(http.get(account(number)).decimal("interestDue")).isEqualByComparingTo("0.005");
        }

        @Test
        @DisplayName("answers 422 when charged interest does not fit the overdraft limit")
        void chargeTooLarge() {
            String number = openAccount(null);
            setOverdraftLimit(number, "100");
            withdraw(number, "100");
            http.post(account(number) + "/interest/accruals", Map.of("creditRate", 0.0005, "debitRate", 0.001));

            assertProblem(http.post(account(number) + "/interest/payments", null), 422, "cannot charge interest");
            assertThat(balanceOf(number)).isEqualByComparingTo("-100.00");
        }

        @Test
        @DisplayName("answers 404 for an unknown account, and 400 for a negative rate")
        void errors() {
            String unknown = account("no-such-" + UUID.randomUUID());
            assertProblem(http.post(unknown + "/interest/accruals", Map.of("creditRate", 0.1, "debitRate", 0.1)), 404,
                    "does not exist");
            assertProblem(http.post(unknown + "/interest/payments", null), 404, "does not exist");
            String number = openAccount("1.00");
            assertProblem(http.post(account(number) + "/interest/accruals",
                    Map.of("creditRate", -0.1, "debitRate", 0.1)), 400, "daily fraction");
        }
    }

    @Nested
    @DisplayName("GET /api/accounts/{accountNumber}/events")
    class Events {

        @Test
        @DisplayName("lists the whole history with sequence, business name, time, payload and context")
        void history() {
            String number = openAccount("10.00");
            deposit(number, "5.00");
            withdraw(number, "3.00");

            BankHttp.Reply events = http.get(account(number) + "/events");

            assertThat(events.status()).isEqualTo(200);
            assertThat(eventTypes(number)).containsExactly("Account Opened", "Money Deposited", "Money Deposited",
                    "Money Withdrawn");
            JsonNode last = events.json().get(3);
            assertThat(last.get("sequenceNumber").asLong()).isEqualTo(4);
            assertThat(last.get("payload").get("amount").decimalValue()).isEqualByComparingTo("3.00");
            assertThat(Instant.parse(last.get("writtenAt").asText()))
                    .isAfterOrEqualTo(Instant.parse(events.json().get(0).get("writtenAt").asText()));
            assertThat(last.has("context")).isTrue();
        }

        @Test
        @DisplayName("answers 404 for an unknown account")
        void unknown() {
            assertProblem(http.get(account("no-such-" + UUID.randomUUID()) + "/events"), 404, "does not exist");
        }
    }

    @Nested
    @DisplayName("DELETE /api/accounts/{accountNumber}")
    class Close {

        @Test
        @DisplayName("answers 204; afterwards the account is 404 everywhere and its number can be opened afresh")
        void closes() {
            String number = openAccount("99.00");
            deposit(number, "1.00");

            BankHttp.Reply closed = http.delete(account(number));

            assertThat(closed.status()).isEqualTo(204);
            assertProblem(http.get(account(number)), 404, "does not exist");
            assertProblem(http.get(account(number) + "/events"), 404, "does not exist");
            assertProblem(http.get(account(number) + "/balance"), 404, "does not exist");
            assertProblem(deposit(number, "1"), 404, "does not exist");
            assertProblem(http.delete(account(number)), 404, "does not exist");
            assertThat(http.post(account(number), Map.of("clientName", "New Owner")).status()).isEqualTo(201);
            assertThat(eventTypes(number)).containsExactly("Account Opened");
        }

        @Test
        @DisplayName("answers 404 for an unknown account")
        void unknown() {
            assertProblem(http.delete(account("no-such-" + UUID.randomUUID())), 404, "does not exist");
        }
    }

    @Nested
    @DisplayName("The web page")
    class Page {

        @Test
        @DisplayName("is served at / with its script and style, and the activity feed says whether it is live")
        void served() {
            BankHttp.Reply page = http.send("GET", "/", null, Map.of("Accept", "text/html"));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.text()).contains("Harbour Bank").contains("app.js").contains("app.css")
                    .doesNotContain("http://", "https://");
            assertThat(http.send("GET", "/app.js", null, Map.of("Accept", "*/*")).status()).isEqualTo(200);
            assertThat(http.send("GET", "/app.css", null, Map.of("Accept", "text/css")).status()).isEqualTo(200);

            BankHttp.Reply feed = http.send("GET", "/api/activity", null, Map.of("Accept", "text/event-stream"));
            assertThat(feed.status()).isEqualTo(200);
            assertThat(feed.text()).contains("event:status").contains("\"live\":false");
        }
    }
}
