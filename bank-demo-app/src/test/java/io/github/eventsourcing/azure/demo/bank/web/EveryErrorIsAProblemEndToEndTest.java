package io.github.eventsourcing.azure.demo.bank.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors the server raises before the application sees the request (Tomcat refuses the path, the method or the
 * headers), errors of Spring MVC's own, and the error page itself, over a raw socket: every one is a small problem
 * detail, never an HTML page or an empty body, whatever the client accepts.
 */
@DisplayName("Every error is a problem detail, also those the server raises itself")
class EveryErrorIsAProblemEndToEndTest extends BankOnAzurite {

    RawHttp raw;

    @BeforeEach
    void connectRaw() {
        raw = new RawHttp(port);
    }

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/api/accounts/a%5Cb", "/api/accounts/a%00b", "/api/accounts/a%2Fb/../..%2F",
            "/api/accounts/{x}", "/api/accounts?balanceBelow=%ZZ|"})
    @DisplayName("a path Tomcat refuses is answered 400 as problem+json")
    void refusedPath(String path) {
        RawHttp.Reply reply = raw.send("GET " + path + " HTTP/1.1", List.of("Accept: text/html"), null);

        assertSmallProblem(reply, 400);
    }

    @Test
    @DisplayName("a 100 KB header is answered 400 as problem+json")
    void hugeHeader() {
        RawHttp.Reply reply = raw.send("GET /api/accounts HTTP/1.1", List.of("X-User: " + "a".repeat(100 * 1024)),
                null);

        assertSmallProblem(reply, 400);
    }

    @Test
    @DisplayName("a header with a control character is answered 400 as problem+json")
    void controlCharacterInHeader() {
        RawHttp.Reply reply = raw.send("GET /api/accounts HTTP/1.1", List.of("X-User: a\u0001b"), null);

        assertSmallProblem(reply, 400);
    }

    @Test
    @DisplayName("GET /error is a 404 problem, never the status 999")
    void errorPageAskedForDirectly() {
        BankHttp.Reply reply = http.send("GET", "/error", null, Map.of("Accept", "text/html"));

        assertProblem(reply, 404, "nothing at this address");
    }

    @Test
    @DisplayName("an address that does not exist is a 404 problem, also for a client that asks for HTML")
    void unknownAddress() {
        assertProblem(http.send("GET", "/no/such/page", null, Map.of("Accept", "text/html")), 404, "");
        assertProblem(http.send("GET", "/api/nothing-here", null, Map.of()), 404, "");
    }

    @Test
    @DisplayName("a method an address does not take is a 405 problem")
    void wrongMethod() {
        assertProblem(http.send("PATCH", "/api/accounts", "{}", Map.of()), 405, "");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TRACE", "CONNECT"})
    @DisplayName("TRACE and CONNECT, which Tomcat refuses itself, are 405 problems")
    void methodsTomcatRefuses(String method) {
        RawHttp.Reply reply = raw.send(method + " /api/accounts HTTP/1.1", List.of(), null);

        assertSmallProblem(reply, 405);
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {"*/*", "application/*"})
    @DisplayName("a body whose Content-Type is a pattern is a 415 problem, not a server error")
    void contentTypePattern(String contentType) {
        String number = openAccount(null);

        RawHttp.Reply reply = raw.send("POST " + BankHttp.account(number) + "/deposits HTTP/1.1",
                List.of("Content-Type: " + contentType), "{\"amount\": 1}".getBytes(StandardCharsets.UTF_8));

        assertSmallProblem(reply, 415);
        assertThat(eventTypes(number)).containsExactly("Account Opened");
    }

    @ParameterizedTest(name = "Accept: {0}")
    @ValueSource(strings = {"garbage/", "*/*;q=abc", "application/json;charset=nonsense"})
    @DisplayName("an error is written even when the Accept header cannot be read")
    void unreadableAccept(String accept) {
        assertSmallProblem(raw.send("GET /api/accounts HTTP/1.1", List.of("Accept: " + accept), null), 406);
        assertSmallProblem(raw.send("POST /api/accounts HTTP/1.1", List.of("Accept: " + accept), null), 405);
        assertSmallProblem(raw.send("GET /no/such/address HTTP/1.1", List.of("Accept: " + accept),
                null), 404);
    }

    @Test
    @DisplayName("the page at / is for clients that take HTML; others get a 406 problem")
    void welcomePage() {
        RawHttp.Reply page = raw.send("GET / HTTP/1.1", List.of("Accept: text/html"), null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("Harbour Bank");

        assertSmallProblem(raw.send("GET / HTTP/1.1", List.of("Accept: application/json"), null), 406);
    }

    private static void assertSmallProblem(RawHttp.Reply reply, int status) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(status);
        assertThat(reply.contentType()).as("%s", reply).startsWith("application/problem+json");
        assertThat(reply.body()).as("%s", reply).contains("\"status\":" + status).doesNotContain("<html", "Exception")
                .hasSizeLessThan(512);
    }
}
