package io.github.eventsourcing.azure.demo.bank.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.github.eventsourcing.azure.demo.bank.web.BankHttp.account;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page's live activity feed with the "live-feed" profile: writes are announced by the starter's notification
 * publisher, delivered to the application's own webhook, handed to its {@code @NotificationListener} and pushed to the
 * page as server-sent events. Own Azurite, so the feed carries exactly this test's accounts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"bank.interest.nightly-cron=-", "NOTIFICATIONS_SECRET=test-secret-0123456789"})
@ActiveProfiles("live-feed")
@DirtiesContext
@DisplayName("The live activity feed, end to end through the notification webhook")
class LiveActivityFeedEndToEndTest {

    /** The publisher posts to the application's own port, so the port is chosen before the application starts. */
    private static final int PORT = freePort();

    private static Azurite storage;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("eventsourcing.connections.default.connection-string", () -> ownStorage().connectionString());
    }

    /**
     * Started before the application and stopped only when the JVM exits: the application (closed after this class)
     * must not outlive its storage, or its background work would fail against a stopped emulator.
     */
    private static synchronized Azurite ownStorage() {
        if (storage == null) {
            Azurite started = Azurite.start(null);
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "azurite-stop"));
            storage = started;
        }
        return storage;
    }

    @Test
    @DisplayName("pushes every write to a subscribed page, in order, with the account and a line for people")
    void pushesWrites() throws Exception {
        BankHttp http = new BankHttp(PORT);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> subscription = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/activity"))
                        .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> response = subscription.get(10, TimeUnit.SECONDS);
        Thread reader = new Thread(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (UncheckedIOException closedByTheTest) {
                // the subscription ends when the test closes it
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            assertThat(nextEvent(lines, "status").get("live").asBoolean()).isTrue();

            assertThat(http.post(account("LIVE-1"), Map.of("clientName", "Ada Lovelace",
                    "openingBalance", new BigDecimal("100.00"))).status()).isEqualTo(201);
            assertThat(http.post(account("LIVE-1") + "/withdrawals", Map.of("amount", 30)).ok()).isTrue();

            List<JsonNode> activities = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                activities.add(nextEvent(lines, "activity"));
            }
            assertThat(activities).allSatisfy(a -> assertThat(a.get("accountNumber").asText()).isEqualTo("LIVE-1"));
            assertThat(activities).extracting(a -> a.get("eventType").asText())
                    .containsExactly("Account Opened", "Money Deposited", "Money Withdrawn");
            assertThat(activities).extracting(a -> a.get("description").asText()).containsExactly(
                    "LIVE-1: opened for Ada Lovelace", "LIVE-1: deposit of 100.00", "LIVE-1: withdrawal of 30.00");

            assertThat(http.delete(account("LIVE-1")).status()).isEqualTo(204);
            assertThat(nextEvent(lines, "activity").get("description").asText()).isEqualTo("LIVE-1: account closed");
        } finally {
            response.body().close();
        }
    }

    @Test
    @DisplayName("shows the feed on the page in a real browser, including writes made by someone else")
    void pageShowsTheFeed() {
        BankHttp http = new BankHttp(PORT);
        assertThat(http.post(account("LIVE-2"), Map.of("clientName", "Grace Hopper")).status()).isEqualTo(201);
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver browser = chromium.driver();
            browser.get("http://127.0.0.1:" + PORT + "/");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("activity")));
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-account='LIVE-2']"))).click();
            wait.until(ExpectedConditions.textToBe(By.id("acc-client"), "Grace Hopper"));

            // Another client of the API writes: the page learns of it from the feed and refreshes the account.
            assertThat(http.post(account("LIVE-2") + "/deposits", Map.of("amount", 75)).ok()).isTrue();

            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("activity-list"),
                    "LIVE-2: deposit of 75.00"));
            wait.until(ExpectedConditions.textToBe(By.id("acc-balance"), "75.00"));
            wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-account='LIVE-2'] .amount"), "75.00"));
            chromium.screenshot("live-feed.png");
        }
    }

    @Test
    @DisplayName("the webhook turns away deliveries that lack the shared secret")
    void webhookNeedsTheSecret() {
        BankHttp.Reply unsigned = new BankHttp(PORT).post("/eventsourcing/notifications", "[]");
        assertThat(unsigned.status()).isEqualTo(401);
    }

    /** The data of the next server-sent event with this name (skipping others), waiting up to 30 s for it. */
    private static JsonNode nextEvent(BlockingQueue<String> lines, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String event = null;
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                break;
            }
            if (line.startsWith("event:")) {
                event = line.substring("event:".length()).strip();
            } else if (line.startsWith("data:") && name.equals(event)) {
                return BankHttp.JSON.readTree(line.substring("data:".length()));
            }
        }
        throw new AssertionError("No '" + name + "' event within 30 s");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
