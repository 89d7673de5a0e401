package io.github.eventsourcing.azure.demo.bank.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static io.github.eventsourcing.azure.demo.bank.web.BankHttp.account;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of hostile requests ({@link HostileRequests}) over raw sockets, from a fixed seed that the test prints
 * ({@code -Dfuzz.seed=...} replays or varies it), within a time budget. No answer is a server error, every error is
 * a problem detail, no body shows a stack trace or a class name, and afterwards the bank works as before.
 */
@DisplayName("The API under fuzzing")
class ApiFuzzEndToEndTest extends BankOnAzurite {

    private static final long SEED = Long.getLong("fuzz.seed", 15_2026L);
    private static final int MAX_REQUESTS = Integer.getInteger("fuzz.requests", 3_000);
    private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("fuzz.seconds", 20));

    /** A stack trace line, or a Java class name (package-qualified or an exception's simple name). */
    private static final Pattern LEAK = Pattern.compile(
            "\\tat |Exception|Throwable|\\b(java|javax|jakarta|sun|org\\.springframework|org\\.apache|com\\.fasterxml"
                    + "|io\\.github\\.eventsourcing)\\.[a-z]");
    /** Tomcat's 8 KB request header limit bounds what an error can echo; the error itself is a sentence. */
    private static final int MAX_ERROR_BODY = 20_000;

    @Test
    @DisplayName("answers hostile requests without a 5xx or a leak, each error as a problem, and works afterwards")
    void fuzz() {
        String number = openAccount("100.00");
        HostileRequests requests = new HostileRequests(SEED, account(number));
        RawHttp raw = new RawHttp(port);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        int sent = 0;
        System.out.printf("Fuzzing with seed %d (replay: -Dfuzz.seed=%d), at most %d requests in %s%n", SEED, SEED,
                MAX_REQUESTS, BUDGET);
        while (sent < MAX_REQUESTS && Duration.ofNanos(System.nanoTime() - started).compareTo(BUDGET) < 0) {
            HostileRequests.Request request = requests.next();
            RawHttp.Reply reply = raw.send(request.requestLine(), request.headers(), request.body());
            sent++;
            statuses.merge(reply.status(), 1, Integer::sum);
            String wrong = whatIsWrong(request, reply);
            if (wrong != null && failures.size() < 20) {
                failures.add("#" + sent + " " + wrong + "\n    request: " + request + "\n    reply:   "
                        + cut(reply.toString()));
            }
        }
        System.out.printf("Fuzzing with seed %d: %d requests in %d ms, statuses %s%n", SEED, sent,
                Duration.ofNanos(System.nanoTime() - started).toMillis(), statuses);

        assertThat(failures).as("seed %d", SEED).isEmpty();
        assertThat(sent).as("requests sent").isGreaterThan(100);
        assertWorksAsBefore();
    }

    /** What is wrong with the reply, or null. */
    private static String whatIsWrong(HostileRequests.Request request, RawHttp.Reply reply) {
        if (reply.status() < 100) {
            return "no HTTP answer";
        }
        if (reply.status() >= 500) {
            return "server error";
        }
        if (LEAK.matcher(reply.body()).find()) {
            return "a stack trace or class name in the body";
        }
        if (reply.status() >= 400 && !request.requestLine().startsWith("HEAD ")) {
            if (!reply.contentType().startsWith("application/problem+json")) {
                return "an error that is not a problem detail";
            }
            JsonNode problem = BankHttp.parse(reply.body());
            if (problem.path("status").asInt() != reply.status() || problem.path("title").asText().isEmpty()) {
                return "a problem detail without its status and title";
            }
            if (reply.body().length() > MAX_ERROR_BODY) {
                return "an error body of " + reply.body().length() + " chars";
            }
        }
        return null;
    }

    private void assertWorksAsBefore() {
        long started = System.nanoTime();
        String number = openAccount("100.00");
        assertThat(deposit(number, "25.50").ok()).isTrue();
        assertThat(withdraw(number, "10.00").ok()).isTrue();
        assertThat(balanceOf(number)).isEqualByComparingTo("115.50");
        assertThat(eventTypes(number)).containsExactly("Account Opened", "Money Deposited", "Money Deposited",
                "Money Withdrawn");
        assertProblem(deposit(number, "0.001"), 400, "at most 2 decimals");
        assertThat(http.get("/actuator/health").json().path("status").asText()).isEqualTo("UP");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("at the usual pace").isLessThan(
                Duration.ofSeconds(10));
    }

    private static String cut(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
