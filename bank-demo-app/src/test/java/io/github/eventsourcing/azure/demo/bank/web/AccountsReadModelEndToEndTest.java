package io.github.eventsourcing.azure.demo.bank.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.eventsourcing.azure.demo.bank.account.AccountQueries.Listing;
import io.github.eventsourcing.azure.demo.bank.account.AccountsReadModel;
import io.github.eventsourcing.azure.demo.bank.account.Bank;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.readmodel.ReadModels;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.EventStreams;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.eventsourcing.azure.demo.bank.web.BankHttp.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@DisplayName("GET /api/accounts from the accounts read model, end to end on Table storage")
class AccountsReadModelEndToEndTest extends TransfersOnAzurite {

    private static final int CLIENTS = 4;
    private static final int OPERATIONS_PER_CLIENT = 25;
    private static final String REBUILD = "/api/admin/read-models/accounts/rebuild";
    private static final ObjectMapper EXACT_JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static final List<String> THRESHOLDS = List.of("-20.00", "0.01", "150.50", "1000000.00");

    @Autowired
    ReadModels readModels;

    @Autowired
    EventStreams streams;

    @Autowired
    Projections projections;

    /** Each test its own accounts, as other tests of the shared context write accounts of their own. */
    private final String prefix = "RM-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    @Test
    @DisplayName("after random writes from concurrent clients, once the lag has drained, lists exactly what folding "
            + "every account and the classification list, for several thresholds, whole or page by page")
    void agreesWithTheClassificationAfterRandomWrites() throws Exception {
        String overdrawn = overdrawnAccount(); // left alone by the clients
        List<String> opened = new CopyOnWriteArrayList<>();
        List<String> transfers = runClients(opened);
        transfers.forEach(this::awaitTerminal);
        assertThat(opened).hasSizeGreaterThan(CLIENTS);

        drain(opened);
        drain(List.of(overdrawn));

        ClassificationListing reference = new ClassificationListing(streams, projections);
        List<Listing> all = reference.list(null).stream().filter(this::ours).toList();
        assertThat(all).as("some accounts were closed, some stay open").hasSizeGreaterThan(1)
                .hasSizeLessThan(opened.size() + 1);
        assertThat(listed("/api/accounts")).isEqualTo(all);
        assertThat(paged("/api/accounts?pageSize=7")).isEqualTo(all);
        for (String threshold : THRESHOLDS) {
            List<Listing> expected = reference.list(new BigDecimal(threshold)).stream().filter(this::ours).toList();
            assertThat(listed("/api/accounts?balanceBelow=" + threshold)).as("below %s", threshold)
                    .isEqualTo(expected);
            List<Listing> lowestFirst = expected.stream().sorted(Comparator.comparing(Listing::balance)
                    .thenComparing(Listing::accountNumber)).toList();
            assertThat(paged("/api/accounts?balanceBelow=" + threshold + "&pageSize=5")).as("paged below %s",
                    threshold).isEqualTo(lowestFirst);
        }
        assertThat(all).as("the thresholds split the accounts").anySatisfy(
                listing -> assertThat(listing.balance()).isLessThan(new BigDecimal("150.50")))
                .anySatisfy(listing -> assertThat(listing.balance()).isGreaterThan(new BigDecimal("150.50")))
                .anySatisfy(listing -> assertThat(listing.balance()).isNegative());
    }

    @Test
    @DisplayName("finds an account it has just opened, and no longer lists one it has just closed")
    void readsItsOwnWrites() {
        String number = openAccount("12.34");
        assertThat(listings(http.get("/api/accounts?balanceBelow=20.00"))).extracting(Listing::accountNumber)
                .contains(number);
        assertThat(http.delete(account(number)).status()).isEqualTo(204);
        assertThat(listings(http.get("/api/accounts"))).extracting(Listing::accountNumber).doesNotContain(number);
    }

    @Test
    @DisplayName("answers 400 for a page size outside 1 to 200 and for a continuation that is not the previous "
            + "page's token of the same list")
    void refusesBadPaging() {
        openAccount("1.00");
        openAccount("2.00");
        assertProblem(http.get("/api/accounts?pageSize=0"), 400, "pageSize");
        assertProblem(http.get("/api/accounts?pageSize=201"), 400, "pageSize");
        assertProblem(http.get("/api/accounts?continuation=not-a-token"), 400, "continuation");
        assertProblem(http.get("/api/accounts?continuation=" + "A".repeat(3000)), 400, "continuation");

        BankHttp.Reply first = http.get("/api/accounts?balanceBelow=3.00&pageSize=1");
        assertThat(first.status()).isEqualTo(200);
        String next = nextOf(first);
        assertThat(next).as("a next page").isNotNull();
        String token = next.substring(next.indexOf("continuation=") + "continuation=".length());
        assertProblem(http.get("/api/accounts?pageSize=1&continuation=" + token), 400, "continuation");
    }

    @Test
    @DisplayName("reports the read model in health, with its lag on /actuator/health/read-models")
    void reportsTheLagInHealth() {
        assertThat(http.get("/actuator/health").json().path("components").path("readModels").path("status")
                .asText()).isEqualTo("UP");
        JsonNode details = http.get("/actuator/health/read-models").json().path("components").path("readModels")
                .path("details");
        assertThat(details.path("oldestUnappliedAge").asText()).matches("\\d+ms");
        assertThat(details.path("models").has(AccountsReadModel.NAME)).as("%s", details).isTrue();
    }

    @Test
    @DisplayName("rebuilds for an operator with the admin key, while the old rows keep answering, then answers the "
            + "same from the new rows")
    void rebuildsForAnOperator() {
        openOurs("seven", "7.00");
        openOurs("seventy", "70.00");
        ClassificationListing reference = new ClassificationListing(streams, projections);
        int answering = generations().path("answeringGeneration").asInt();

        assertProblem(http.post(REBUILD, null), 403, "admin key");
        assertProblem(http.send("POST", REBUILD, null, Map.of("X-Admin-Key", "guess")), 403, "admin key");
        BankHttp.Reply started = http.send("POST", REBUILD, null, Map.of("X-Admin-Key", ADMIN_KEY));
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        assertThat(started.headers().firstValue("Location")).hasValue("/actuator/health/read-models");
        assertThat(generations().path("buildingGeneration").asInt()).isEqualTo(answering + 1);
        assertProblem(http.send("POST", REBUILD, null, Map.of("X-Admin-Key", ADMIN_KEY)), 409, "under way");
        assertThat(listed("/api/accounts")).as("the old rows answer meanwhile")
                .isEqualTo(ours(reference.list(null), prefix));

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(
                () -> generations().path("answeringGeneration").asInt() == answering + 1);
        assertThat(generations().path("buildingGeneration").asText()).isEqualTo("none");
        assertThat(listed("/api/accounts")).isEqualTo(ours(reference.list(null), prefix));
        assertThat(listed("/api/accounts?balanceBelow=50.00"))
                .isEqualTo(ours(reference.list(new BigDecimal("50.00")), prefix));
    }

    private JsonNode generations() {
        return http.get("/actuator/health/read-models").json().path("components").path("readModels")
                .path("details").path("models").path(AccountsReadModel.NAME);
    }

    /** An account at -30.00, so that negative balances are among the values the thresholds split. */
    private String overdrawnAccount() {
        String number = openOurs("overdrawn", null);
        assertThat(setOverdraftLimit(number, "100.00").ok()).isTrue();
        assertThat(withdraw(number, "30.00").ok()).isTrue();
        return number;
    }

    /** Opens an account of this test (so that no other test's writes can change it meanwhile). */
    private String openOurs(String name, String openingBalance) {
        String number = prefix + name;
        Map<String, Object> body = new HashMap<>(Map.of("clientName", "Client " + name));
        if (openingBalance != null) {
            body.put("openingBalance", new BigDecimal(openingBalance));
        }
        BankHttp.Reply opened = http.post(account(number), body);
        assertThat(opened.status()).as("%s", opened).isEqualTo(201);
        return number;
    }

    /**
     * Waits with the library's own means: its await for the last write of every open account, then its lag (as
     * health reports it) down to zero, which covers the closed accounts too.
     */
    private void drain(List<String> accounts) {
        for (String number : accounts) {
            long version = streams.stream(Bank.account(number)).version();
            if (version > 0) {
                assertThat(readModels.await(AccountsReadModel.NAME, Bank.account(number),
                        new AppendResult(false, version, version, false), Duration.ofSeconds(30)))
                        .as("%s applied up to %s", number, version).isTrue();
            }
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> http.get(
                "/actuator/health/read-models").json().path("components").path("readModels").path("details")
                .path("oldestUnappliedAge").asText().equals("0ms"));
    }

    /** Every client opens, pays in, takes out, transfers between and closes accounts of this test at random. */
    private List<String> runClients(List<String> opened) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        List<String> transfers = new CopyOnWriteArrayList<>();
        List<Future<?>> clients = new ArrayList<>();
        try {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    Random random = new Random(client);
                    start.await();
                    for (int k = 0; k < OPERATIONS_PER_CLIENT; k++) {
                        operate(random, client + "-" + k, opened, transfers);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> client : clients) {
                client.get(3, TimeUnit.MINUTES);
            }
            return transfers;
        } finally {
            pool.shutdownNow();
        }
    }

    private void operate(Random random, String id, List<String> opened, List<String> transfers) {
        int choice = opened.size() < 2 ? 0 : random.nextInt(20);
        String some = opened.isEmpty() ? null : opened.get(random.nextInt(opened.size()));
        BankHttp.Reply reply;
        if (choice < 4) {
            String number = prefix + id;
            reply = http.post(account(number), Map.of("clientName", "Client " + id,
                    "openingBalance", cents(random, 50_000)));
            opened.add(number);
        } else if (choice < 9) {
            reply = http.post(account(some) + "/deposits", Map.of("amount", cents(random, 30_000).add(BigDecimal.ONE)));
        } else if (choice < 14) {
            reply = http.post(account(some) + "/withdrawals", Map.of("amount", cents(random, 40_000)
                    .add(BigDecimal.ONE)));
        } else if (choice < 15) {
            reply = http.put(account(some) + "/overdraft-limit", Map.of("limit", new BigDecimal("100.00")));
        } else if (choice < 19) {
            String other = opened.get(random.nextInt(opened.size()));
            reply = http.post(TRANSFERS, transfer(some, other, cents(random, 20_000).add(BigDecimal.ONE)
                    .toPlainString()));
            if (reply.status() == 202) {
                transfers.add(reply.json().get("id").asText());
            }
        } else {
            reply = http.delete(account(some));
        }
        // Refusals are part of the game (no funds, closed meanwhile, same account twice, busy), errors are not.
        assertThat(reply.status()).as("%s", reply).isIn(200, 201, 202, 204, 400, 404, 409, 422);
    }

    private static BigDecimal cents(Random random, int below) {
        return BigDecimal.valueOf(random.nextInt(below), 2);
    }

    private boolean ours(Listing listing) {
        return listing.accountNumber().startsWith(prefix);
    }

    private static List<Listing> ours(List<Listing> listings, String prefix) {
        return listings.stream().filter(listing -> listing.accountNumber().startsWith(prefix)).toList();
    }

    /** The list in one answer, as the page and older clients ask for it: this test's accounts. */
    private List<Listing> listed(String path) {
        BankHttp.Reply reply = http.get(path);
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.headers().firstValue("Link")).as("no paging asked, no next page").isEmpty();
        return ours(listings(reply), prefix);
    }

    /** Every page, following the Link headers to the last page. */
    private List<Listing> paged(String path) {
        List<Listing> listings = new ArrayList<>();
        String next = path;
        int pages = 0;
        while (next != null) {
            BankHttp.Reply reply = http.get(next);
            assertThat(reply.status()).as("%s", reply).isEqualTo(200);
            List<Listing> page = listings(reply);
            assertThat(page.size()).isLessThanOrEqualTo(7);
            listings.addAll(page);
            next = nextOf(reply);
            assertThat(++pages).as("pages of %s", path).isLessThan(10_000);
        }
        return listings.stream().filter(this::ours).toList();
    }

    private static String nextOf(BankHttp.Reply reply) {
        return reply.headers().firstValue("Link").map(link -> {
            Matcher next = NEXT.matcher(link);
            assertThat(next.find()).as(link).isTrue();
            return next.group(1);
        }).orElse(null);
    }

    /** The listings as sent: amounts with the scale they were written with (Jackson's tree drops trailing zeros). */
    private static List<Listing> listings(BankHttp.Reply reply) {
        List<Listing> listings = new ArrayList<>();
        JsonNode json;
        try {
            json = EXACT_JSON.readTree(reply.text());
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + reply, e);
        }
        json.forEach(a -> listings.add(new Listing(a.get("accountNumber").asText(),
                a.get("clientName").asText(), a.get("balance").decimalValue(), a.get("sequenceNumber").asLong())));
        return listings;
    }
}
