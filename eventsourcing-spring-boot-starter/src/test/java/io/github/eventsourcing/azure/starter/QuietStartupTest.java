package io.github.eventsourcing.azure.starter;

import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A new user's first run: a fresh Azurite, the application on the starter with actuator, and a few requests. A WARN or
 * ERROR line there is a false alarm that teaches users to ignore the log. The test class runs in a JVM of its own
 * (see the module's surefire settings), so the Azure SDK's first request is really the first.
 */
@ExtendWith(OutputCaptureExtension.class)
@DisplayName("An application on the starter, started on a fresh Azurite")
class QuietStartupTest {

    /** A log line of Spring Boot's console format at WARN or ERROR, or any line of an interrupted SDK thread. */
    private static final Pattern ALARM = Pattern.compile("^\\S+\\s+(WARN|ERROR)\\s.*|.*InterruptedException.*");

    @Test
    @DisplayName("logs nothing at WARN or ERROR while it starts, serves requests and answers its health check")
    void startsQuietly(CapturedOutput output) {
        Azurite azurite = Azurite.start(null);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(BankApplication.class).run(
                "--server.port=0",
                "--eventsourcing.connections.default.emulator.enabled=true",
                "--eventsourcing.connections.default.emulator.blob-port=" + azurite.blobPort(),
                "--eventsourcing.connections.default.emulator.table-port=" + azurite.tablePort(),
                "--management.endpoint.health.show-details=always")) {
            // The start-up health check goes first, as the SDK's very first request, as on any real start.
            awaitStartupHealthCheck();
            RestClient http = RestClient.create("http://127.0.0.1:"
                    + app.getEnvironment().getProperty("local.server.port"));

            http.post().uri("/accounts/{id}/deposits", "Q-1").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("amount", 10)).retrieve().toBodilessEntity();
            Map<String, Object> balance = http.get().uri("/accounts/{id}/balance", "Q-1").retrieve().body(new ParameterizedTypeReference<>() { });
            assertThat(balance).containsEntry("balance", 10);
            Map<String, Object> health = http.get().uri("/actuator/health").retrieve().body(new ParameterizedTypeReference<>() { });
            assertThat(health).containsEntry("status", "UP");
        } finally {
            azurite.stop();
        }

        assertThat(output.getAll().lines().filter(line -> ALARM.matcher(line).matches()))
                .as("log lines at WARN or ERROR").isEmpty();
        assertThat(output.getAll()).as("INFO lines that look like trouble to a new user")
                .doesNotContain("Failed to set up a Bean Validation provider")
                .doesNotContain("azure-netty-version");
        assertThat(output.getAll()).as("the application started").contains("Tomcat started on port");
    }

    /** The check the health auto-configuration runs once the application is ready, on a thread of its own. */
    private static void awaitStartupHealthCheck() {
        await().atMost(Duration.ofSeconds(60)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().equals("eventsourcing-health-startup")));
    }
}
