package io.github.eventsourcing.azure.web;

import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.InMemoryEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.web.EventSourcingWebMvcAutoConfiguration;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
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
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Instance keys and text at the edges of what HTTP and the stores carry, over real HTTP to an embedded Tomcat. */
@SpringBootTest(classes = KeysAndTextOverHttpTests.BankApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"eventsourcing.streams.[Bank.ALL].backend=in-memory", "bank.domain=Bank",
                "bank.wealthy-threshold=1000"})
// Not in the properties above: those would win over the nested class's @TestPropertySource.
@TestPropertySource(properties = "eventsourcing.web.allow-encoded-slash=true")
@DisplayName("Keys and text over HTTP")
class KeysAndTextOverHttpTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    EventStreams streams;

    @Test
    @DisplayName("a commentary that is not valid Unicode is answered 400 and nothing is stored")
    void loneSurrogateInCommentary() throws Exception {
        HttpResponse<String> response = post("/accounts/U-1/commented-deposits",
                "{\"amount\": 1, \"commentary\": \"x\\ud800\"}");

        assertProblem(response, "Text is not valid Unicode");
        assertThat(response.body()).contains("commentary");
        assertThat(account("U-1").exists()).isFalse();
        assertThat(post("/accounts/U-1/commented-deposits", "{\"amount\": 1, \"commentary\": \"\\ud83d\\ude00\"}")
                .statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("a new account number with an invisible character or white space at an end is answered 400")
    void invisibleCharactersInNewKeys() throws Exception {
        for (String encodedKey : new String[]{"A-1%E2%80%8B", "A-%E2%80%AE1", "%20", "trail%20", "%20lead"}) {
            assertProblem(post("/accounts/" + encodedKey + "/deposits", "{\"amount\": 1}"), "Invalid stream address");
        }
        assertThat(streams.instanceKeys("Bank", "Account")).noneMatch(key -> key.startsWith("A-"));
    }

    @Test
    @DisplayName("a path segment with ';' parameters is answered 400, never bound to another account")
    void semicolonParameters() throws Exception {
        for (String path : new String[]{"/accounts/a;b=c/deposits", "/accounts/a;/deposits",
                "/accounts/a;b=c/balance"}) {
            assertProblem(path.endsWith("balance") ? get(path) : post(path, "{\"amount\": 1}"),
                    "Invalid stream address");
        }
        assertThat(account("a").exists()).isFalse();

        assertThat(post("/accounts/a%3Bb=c/deposits", "{\"amount\": 1}").statusCode()).isEqualTo(201);
        assertThat(account("a;b=c").version()).isEqualTo(1);
        assertThat(account("a").exists()).isFalse();
    }

    @Test
    @DisplayName("with eventsourcing.web.allow-encoded-slash, a key with '/' or '\\' travels encoded in the path")
    void encodedSlash() throws Exception {
        assertThat(post("/accounts/a%2Fb/deposits", "{\"amount\": 5}").statusCode()).isEqualTo(201);
        assertThat(post("/accounts/a%5Cb/deposits", "{\"amount\": 6}").statusCode()).isEqualTo(201);

        assertThat(account("a/b").version()).isEqualTo(1);
        assertThat(account("a\\b").version()).isEqualTo(1);
        assertThat(get("/accounts/a%2Fb/balance").body()).contains("\"balance\":5");
        assertThat(account("a").exists()).isFalse();
    }

    @Nested
    @TestPropertySource(properties = "eventsourcing.web.allow-encoded-slash=false")
    @DisplayName("without eventsourcing.web.allow-encoded-slash")
    class WithoutTheSwitch {

        // The enclosing instance's fields are those of the enclosing class's application, which has the switch on.
        @LocalServerPort
        int portWithoutTheSwitch;

        @Test
        @DisplayName("Tomcat refuses an encoded slash or backslash before the application sees it")
        void tomcatRefusesEncodedSlash() throws Exception {
            for (String encodedKey : new String[]{"c%2Fd", "c%5Cd"}) {
                HttpResponse<String> response = send(portWithoutTheSwitch, "/accounts/" + encodedKey + "/deposits",
                        "{\"amount\": 5}");

                assertThat(response.statusCode()).isEqualTo(400);
                assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
            }
        }
    }

    private EventStream account(String key) {
        return streams.stream(StreamId.of("Bank", "Account", key));
    }

    private static void assertProblem(HttpResponse<String> response, String title) {
        assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"title\":\"" + title + "\"");
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(port, path, json);
    }

    private static HttpResponse<String> send(int port, String path, String json) throws IOException,
            InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(port, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(port, path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
            JacksonAutoConfiguration.class, EventSourcingAutoConfiguration.class,
            InMemoryEventStoreAutoConfiguration.class, EventSourcingWebMvcAutoConfiguration.class})
    @Import(AccountController.class)
    static class BankApplication {
    }
}
