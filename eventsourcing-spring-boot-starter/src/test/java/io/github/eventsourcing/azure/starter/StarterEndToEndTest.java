package io.github.eventsourcing.azure.starter;

import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that depends on nothing but the starter (and Spring MVC), configured only by application.yml, serving
 * over real HTTP with its streams in Azure Table storage (Azurite).
 */
@SpringBootTest(classes = BankApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DisplayName("An application on the starter alone")
class StarterEndToEndTest {

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("eventsourcing.connections.default.connection-string", () -> Azurite.get().connectionString());
    }

    @Autowired
    private TestRestTemplate http;

    @Test
    @DisplayName("appends deposits through @StreamOf and reads the balance through @ProjectionOf, over HTTP")
    void depositsAndReadsBalance() {
        String account = "A-" + UUID.randomUUID().toString().substring(0, 8);

        ResponseEntity<Map> first = http.postForEntity("/accounts/{id}/deposits", Map.of("amount", 100), Map.class, account);
        ResponseEntity<Map> second = http.postForEntity("/accounts/{id}/deposits", Map.of("amount", 25.5), Map.class,
                account);
        ResponseEntity<Map> balance = http.getForEntity("/accounts/{id}/balance", Map.class, account);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(second.getBody()).containsEntry("lastSequence", 2);
        assertThat(balance.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(balance.getBody()).containsEntry("account", account).containsEntry("balance", 125.5)
                .containsEntry("version", 2);
    }

    @Test
    @DisplayName("stores the streams in Azure Table storage, as application.yml says")
    void storesInTableStorage() {
        String account = "T-" + UUID.randomUUID().toString().substring(0, 8);
        http.postForEntity("/accounts/{id}/deposits", Map.of("amount", 1), Map.class, account);

        TableServiceClient tables = new TableServiceClientBuilder().connectionString(Azurite.get().connectionString())
                .buildClient();
        assertThat(tables.listTables()).anySatisfy(table -> assertThat(table.getName()).containsIgnoringCase("BankAccount"));
    }

    @Test
    @DisplayName("answers 404 for the balance of an account that has no stream")
    void unknownAccount() {
        assertThat(http.getForEntity("/accounts/{id}/balance", Map.class, "nobody-" + UUID.randomUUID())
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    @DisplayName("answers 400 with a problem detail for a key no stream can have")
    void invalidKey() {
        ResponseEntity<Map> response = http.getForEntity("/accounts/{id}/balance", Map.class, "x".repeat(300));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).containsEntry("title", "Invalid stream address");
    }
}
