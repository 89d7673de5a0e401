package io.github.eventsourcing.azure.demo.bank.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.github.eventsourcing.azure.demo.bank.web.BankHttp.account;
import static org.assertj.core.api.Assertions.assertThat;

/** The Actuator endpoints an operator uses: health with the starter's contributor, the probes, and metrics. */
@DisplayName("Operations: health, probes and Prometheus metrics")
class OperationsEndToEndTest extends BankOnAzurite {

    @Test
    @DisplayName("health is UP with the eventsourcing contributor and its storage, without details")
    void health() {
        BankHttp.Reply health = http.get("/actuator/health");

        assertThat(health.status()).as("%s", health).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        JsonNode eventsourcing = health.json().path("components").path("eventsourcing");
        assertThat(eventsourcing.path("status").asText()).as("%s", health).isEqualTo("UP");
        assertThat(eventsourcing.path("components").path("storage").path("status").asText()).isEqualTo("UP");
        assertThat(health.text()).as("no connection details").doesNotContain("127.0.0.1", "devstoreaccount1");
    }

    @Test
    @DisplayName("readiness includes the storage; liveness does not depend on it")
    void probes() {
        BankHttp.Reply readiness = http.get("/actuator/health/readiness");
        BankHttp.Reply liveness = http.get("/actuator/health/liveness");

        assertThat(readiness.status()).as("%s", readiness).isEqualTo(200);
        assertThat(readiness.json().path("components").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("readinessState", "eventsourcing");
        assertThat(liveness.status()).as("%s", liveness).isEqualTo(200);
        assertThat(liveness.json().path("components").fieldNames()).toIterable()
                .containsExactly("livenessState");
    }

    @Test
    @DisplayName("Prometheus metrics include the library's observations of the writes and reads just made")
    void prometheus() {
        String number = openAccount("10.00");
        assertThat(http.get(account(number)).ok()).isTrue();

        BankHttp.Reply metrics = http.send("GET", "/actuator/prometheus", null, Map.of("Accept", "text/plain"));

        assertThat(metrics.status()).as("%s", metrics).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(metrics.text().lines().filter(line -> line.startsWith("eventsourcing_store_seconds_count{")))
                .anySatisfy(line -> assertThat(line).contains("eventsourcing_operation=\"append\"",
                        "eventsourcing_domain=\"Bank\"", "eventsourcing_outcome=\"ok\""));
        assertThat(metrics.text()).contains("eventsourcing_projection_seconds_count{", "http_server_requests_seconds");
    }
}
