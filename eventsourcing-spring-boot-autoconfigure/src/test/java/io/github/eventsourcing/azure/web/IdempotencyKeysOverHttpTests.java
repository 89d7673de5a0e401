package io.github.eventsourcing.azure.web;

import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.InMemoryEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.web.EventSourcingWebMvcAutoConfiguration;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.ReadOptions;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The {@code Idempotency-Key} header over real HTTP to an embedded Tomcat. */
@SpringBootTest(classes = IdempotencyKeysOverHttpTests.WalletApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "eventsourcing.streams.[Wallet.ALL].backend=in-memory")
@DisplayName("Idempotency keys over HTTP")
class IdempotencyKeysOverHttpTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    EventStreams streams;

    @Test
    @DisplayName("a repeated request answers the original status and body as of the original write, and writes nothing")
    void replayAnswersTheOriginal() throws Exception {
        String wallet = newWallet(100);
        HttpResponse<String> first = post(wallet + "/withdrawals", "{\"amount\": 30}", "k-1", "ann");
        post(wallet + "/deposits", "{\"amount\": 5}", null, "ann");

        HttpResponse<String> again = post(wallet + "/withdrawals", "{\"amount\": 30}", "k-1", "ann");

        assertAnswer(first, 201, "{\"balance\":70,\"sequence\":2}");
        assertAnswer(again, 201, first.body());
        assertThat(amounts(wallet)).containsExactly(100, -30, 5);
    }

    @Test
    @DisplayName("a repeated withdrawal is answered, not refused for the funds its own first run spent")
    void replayedWithdrawalIsNotRefusedForItsOwnSpending() throws Exception {
        String wallet = newWallet(50);
        assertThat(post(wallet + "/withdrawals", "{\"amount\": 40}", "k-2", null).statusCode()).isEqualTo(201);
        assertThat(post(wallet + "/withdrawals", "{\"amount\": 40}", null, null).statusCode()).isEqualTo(422);

        HttpResponse<String> again = post(wallet + "/withdrawals", "{\"amount\": 40}", "k-2", null);

        assertAnswer(again, 201, "{\"balance\":10,\"sequence\":2}");
        assertThat(amounts(wallet)).containsExactly(50, -40);
    }

    @Test
    @DisplayName("the same key with another request, commentary included, is a 422 problem and writes nothing")
    void sameKeyOtherRequest() throws Exception {
        String wallet = newWallet(100);
        post(wallet + "/withdrawals", "{\"amount\": 10, \"commentary\": \"rent\"}", "k-3", null);

        for (String other : new String[]{"{\"amount\": 10, \"commentary\": \"rent!\"}", "{\"amount\": 11, "
                + "\"commentary\": \"rent\"}", "{\"amount\": 10}"}) {
            HttpResponse<String> response = post(wallet + "/withdrawals", other, "k-3", null);

            assertThat(response.statusCode()).as(other).isEqualTo(422);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).contains("\"title\":\"Idempotency key reused\"");
        }
        assertThat(amounts(wallet)).containsExactly(100, -10);
    }

    @Test
    @DisplayName("the same request in another field order, spacing or number form is the same request")
    void sameRequestAsParsed() throws Exception {
        String wallet = newWallet(100);
        HttpResponse<String> first = post(wallet + "/withdrawals", "{\"amount\": 10, \"commentary\": \"rent\"}",
                "k-4", null);

        HttpResponse<String> again = post(wallet + "/withdrawals", "{ \"commentary\":\"rent\",\n\"amount\":10.00 }",
                "k-4", null);

        assertAnswer(again, 201, first.body());
        assertThat(amounts(wallet)).containsExactly(100, -10);
    }

    @Test
    @DisplayName("a key is a structured-field string or a bare token: \"abc\" and abc are one key, escapes decoded")
    void keyForms() throws Exception {
        String wallet = newWallet(100);
        post(wallet + "/deposits", "{\"amount\": 1}", "abc", null);
        post(wallet + "/deposits", "{\"amount\": 1}", "\"abc\"", null);
        post(wallet + "/deposits", "{\"amount\": 1}", "\"a\\\"b\\\\c d\"", null);
        post(wallet + "/deposits", "{\"amount\": 1}", "\"a\\\"b\\\\c d\"", null);

        assertThat(amounts(wallet)).containsExactly(100, 1, 1);
    }

    @Test
    @DisplayName("a malformed key is a 400 problem and writes nothing")
    void malformedKeys() throws Exception {
        String wallet = newWallet(100);
        String[] malformed = {"x".repeat(256), "\"" + "x".repeat(256) + "\"", "\"\"", "\"abc", "\"a\\x\"",
                "\"abc\" trailing", "two words", "tab\tinside"};
        for (String key : malformed) {
            HttpResponse<String> response = post(wallet + "/deposits", "{\"amount\": 1}", key, null);

            assertThat(response.statusCode()).as(key).isEqualTo(400);
            assertThat(response.body()).as(key).contains("\"title\":\"Invalid idempotency key\"");
        }
        assertThat(post(wallet + "/deposits", "{\"amount\": 1}", "x".repeat(255), null).statusCode())
                .isEqualTo(200);
        assertThat(amounts(wallet)).containsExactly(100, 1);
    }

    @Test
    @DisplayName("a key with bytes beyond ASCII, or given twice, is a 400 problem and writes nothing")
    void nonAsciiAndRepeatedKeys() throws Exception {
        String wallet = newWallet(100);
        String body = "{\"amount\": 1}";
        for (String headers : new String[]{"Idempotency-Key: \"k\u00e9y\"\r\n",
                "Idempotency-Key: k-5\r\nIdempotency-Key: k-6\r\n"}) {
            String response = raw("POST /wallets/" + wallet + "/deposits HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n" + headers
                    + "Connection: close\r\n\r\n" + body);

            assertThat(response).startsWith("HTTP/1.1 400").contains("Invalid idempotency key");
        }
        assertThat(amounts(wallet)).containsExactly(100);
    }

    @Test
    @DisplayName("a key is scoped to the user, the route and the stream: the same key elsewhere is another key")
    void scope() throws Exception {
        String wallet = newWallet(100);
        String otherWallet = newWallet(100);
        post(wallet + "/deposits", "{\"amount\": 1}", "k-7", "ann");
        post(wallet + "/deposits", "{\"amount\": 1}", "k-7", "bob");
        post(wallet + "/deposits", "{\"amount\": 1}", "k-7", null);
        post(wallet + "/gifts", "{\"amount\": 1}", "k-7", "ann");
        post(otherWallet + "/deposits", "{\"amount\": 1}", "k-7", "ann");

        assertThat(amounts(wallet)).containsExactly(100, 1, 1, 1, 1);
        assertThat(amounts(otherWallet)).containsExactly(100, 1);
    }

    @Test
    @DisplayName("requests without a key are ordinary writes")
    void withoutKey() throws Exception {
        String wallet = newWallet(100);
        post(wallet + "/deposits", "{\"amount\": 1}", null, null);
        post(wallet + "/deposits", "{\"amount\": 1}", null, null);

        assertThat(amounts(wallet)).containsExactly(100, 1, 1);
    }

    @Test
    @DisplayName("after a response lost past the write, the retry answers the original result and one event is stored")
    void responseDroppedAfterTheWrite() throws Exception {
        String wallet = newWallet(100);
        HttpRequest lost = request(wallet + "/withdrawals", "{\"amount\": 60}", "k-8", null)
                .header(WalletApplication.HOLD_RESPONSE, "true").timeout(Duration.ofMillis(300)).build();
        assertThatExceptionOfType(HttpTimeoutException.class)
                .isThrownBy(() -> HTTP.send(lost, HttpResponse.BodyHandlers.ofString()));
        // The client gave up; the server goes on and writes (on a busy machine, possibly only now).
        for (int wait = 0; wait < 100 && amounts(wallet).size() < 2; wait++) {
            Thread.sleep(50);
        }
        assertThat(amounts(wallet)).containsExactly(100, -60);

        HttpResponse<String> retry = post(wallet + "/withdrawals", "{\"amount\": 60}", "k-8", null);

        assertAnswer(retry, 201, "{\"balance\":40,\"sequence\":2}");
        assertThat(amounts(wallet)).containsExactly(100, -60);
    }

    @Test
    @DisplayName("concurrent sends of one keyed request write once, and every one answers the original")
    void concurrentRepeats() throws Exception {
        for (int round = 0; round < 10; round++) {
            String wallet = newWallet(100);
            List<CompletableFuture<HttpResponse<String>>> sent = IntStream.range(0, 4)
                    .mapToObj(i -> HTTP.sendAsync(request(wallet + "/withdrawals", "{\"amount\": 60}", "k-9", null)
                            .build(), HttpResponse.BodyHandlers.ofString()))
                    .toList();

            for (CompletableFuture<HttpResponse<String>> answer : sent) {
                assertAnswer(answer.join(), 201, "{\"balance\":40,\"sequence\":2}");
            }
            assertThat(amounts(wallet)).containsExactly(100, -60);
        }
    }

    @Test
    @DisplayName("outside a controller parameter, a bean makes the same keys from a named scope")
    void beanWithNamedScope(@Autowired IdempotentRequests requests) {
        EventStream stream = streams.stream(StreamId.of("Wallet", "Purse", "bean-" + UUID.randomUUID()));
        IdempotentRequest request = requests.of("cmd-1", "ann", "POST", "/api/transfers");
        for (int i = 0; i < 2; i++) {
            long sequence = request.run(stream, Map.of("amount", 3),
                    original -> original.result().lastSequence(),
                    keyed -> keyed.append(new Credited(BigDecimal.valueOf(3))).lastSequence());
            assertThat(sequence).isEqualTo(1);
        }
        assertThat(stream.version()).isEqualTo(1);
    }

    @Test
    @DisplayName("a key's scoped name is stable in its scope, differs in any other scope, and is absent without a key")
    void scopedName(@Autowired IdempotentRequests requests) {
        String name = requests.of("cmd-1", "ann", "POST", "/api/transfers").scopedName().orElseThrow();
        assertThat(name).matches("[A-Za-z0-9_-]{32}");
        assertThat(requests.of("cmd-1", "ann", "POST", "/api/transfers").scopedName()).hasValue(name);
        assertThat(List.of(requests.of("cmd-2", "ann", "POST", "/api/transfers"),
                        requests.of("cmd-1", "bob", "POST", "/api/transfers"),
                        requests.of("cmd-1", "ann", "PUT", "/api/transfers"),
                        requests.of("cmd-1", "ann", "POST", "/api/payments"))
                .stream().map(other -> other.scopedName().orElseThrow()))
                .doesNotContain(name)
                .doesNotHaveDuplicates();
        assertThat(requests.of(null, "ann", "POST", "/api/transfers").scopedName()).isEmpty();
    }

    private static void assertAnswer(HttpResponse<String> response, int status, String body) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).isEqualTo(body);
    }

    private String newWallet(int amount) throws Exception {
        String wallet = "w-" + UUID.randomUUID();
        assertThat(post(wallet + "/deposits", "{\"amount\": " + amount + "}", null, null).statusCode())
                .isEqualTo(200);
        return wallet;
    }

    /** The stream's amounts, debits negative. */
    private List<Integer> amounts(String wallet) {
        return stream(wallet).read().stream().map(RecordedEvent::payload)
                .map(event -> event instanceof Credited c ? c.amount().intValue()
                        : -((Debited) event).amount().intValue())
                .toList();
    }

    private EventStream stream(String wallet) {
        return streams.stream(StreamId.of("Wallet", "Purse", wallet));
    }

    private HttpResponse<String> post(String path, String json, String key, String user) throws Exception {
        return HTTP.send(request(path, json, key, user).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String json, String key, String user) {
        URI uri = URI.create("http://127.0.0.1:" + port + "/wallets/" + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            request.header(IdempotentRequest.HEADER, key);
        }
        if (user != null) {
            request.header("X-User", user);
        }
        return request;
    }

    /** A request as bytes, for headers the HTTP client would refuse to send (non-ASCII, repeated). */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.UTF_8);
        }
    }

    @EventName("Idempotency Test Credited")
    record Credited(BigDecimal amount) {
    }

    @EventName("Idempotency Test Debited")
    record Debited(BigDecimal amount) {
    }

    record Amount(BigDecimal amount, String commentary) {
    }

    record Balance(BigDecimal balance, long sequence) {
    }

    /** A wallet that may not go below zero; its answers are computed from the stream as of the write. */
    @RestController
    @RequestMapping("/wallets/{wallet}")
    static class WalletController {

        @PostMapping("/withdrawals")
        ResponseEntity<Balance> withdraw(@RequestBody Amount body, IdempotentRequest idempotency,
                                         @StreamOf(domain = "Wallet", entity = "Purse", key = "{wallet}")
                                         EventStream wallet) {
            return idempotency.run(wallet, body,
                    original -> ResponseEntity.status(201).body(balance(wallet, original.result().lastSequence())),
                    stream -> {
                        Balance before = balance(stream, Long.MAX_VALUE);
                        if (before.balance().compareTo(body.amount()) < 0) {
                            return ResponseEntity.unprocessableEntity().build();
                        }
                        long sequence = stream.append(new Debited(body.amount()),
                                AppendOptions.expectingVersion(before.sequence())
                                        .withContext(WriteContext.EMPTY.withCommentary(body.commentary())))
                                .lastSequence();
                        return ResponseEntity.status(201).body(balance(stream, sequence));
                    });
        }

        @PostMapping("/deposits")
        long deposit(@RequestBody Amount body, IdempotentRequest idempotency,
                     @StreamOf(domain = "Wallet", entity = "Purse", key = "{wallet}") EventStream wallet) {
            return credit(body, idempotency, wallet);
        }

        @PostMapping("/gifts")
        long gift(@RequestBody Amount body, IdempotentRequest idempotency,
                  @StreamOf(domain = "Wallet", entity = "Purse", key = "{wallet}") EventStream wallet) {
            return credit(body, idempotency, wallet);
        }

        private static long credit(Amount body, IdempotentRequest idempotency, EventStream wallet) {
            return idempotency.run(wallet, body, original -> original.result().lastSequence(),
                    stream -> stream.append(new Credited(body.amount())).lastSequence());
        }

        private static Balance balance(EventStream stream, long upTo) {
            List<RecordedEvent> events = stream.read(ReadOptions.upTo(upTo));
            BigDecimal balance = BigDecimal.ZERO;
            for (RecordedEvent event : events) {
                balance = event.payload() instanceof Credited c ? balance.add(c.amount())
                        : balance.subtract(((Debited) event.payload()).amount());
            }
            return new Balance(balance, events.isEmpty() ? 0 : events.get(events.size() - 1).sequence());
        }
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
            JacksonAutoConfiguration.class, EventSourcingAutoConfiguration.class,
            InMemoryEventStoreAutoConfiguration.class, EventSourcingWebMvcAutoConfiguration.class})
    @Import(WalletController.class)
    static class WalletApplication {

        /** Makes the server hold a response it has written until the client gave up on it. */
        static final String HOLD_RESPONSE = "X-Test-Hold-Response";

        /** The application names its users in a header. */
        @Bean
        RequestUser headerUser() {
            return request -> request.getHeader("X-User");
        }

        @Bean
        Filter responseHolder() {
            return (request, response, chain) -> {
                if (((HttpServletRequest) request).getHeader(HOLD_RESPONSE) == null) {
                    chain.doFilter(request, response);
                    return;
                }
                ContentCachingResponseWrapper held = new ContentCachingResponseWrapper((HttpServletResponse) response);
                chain.doFilter(request, held);
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                held.copyBodyToResponse();
            };
        }
    }
}
