package io.github.eventsourcing.azure.autoconfigure.actuate;

import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.InMemoryEventStoreAutoConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The {@code eventsourcing} health contributor as an operator sees it: the actuator's health JSON. */
@DisplayName("The eventsourcing health contributor")
class EventSourcingHealthAutoConfigurationTests {

    /** An application with Table and AppendBlob rules on one connection, and the health endpoint showing details. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class StorageApplication {
    }


    @Nested
    @DisplayName("on a reachable account (Azurite)")
    @SpringBootTest(classes = StorageApplication.class, properties = {
            "eventsourcing.streams.[Bank.Account].backend=table",
            "eventsourcing.streams.[ALL.ALL].backend=append-blob",
            "management.endpoints.web.exposure.include=health",
            "management.endpoint.health.show-details=always",
            "eventsourcing.health.timeout=5s"})
    @AutoConfigureMockMvc
    class Reachable {

        @DynamicPropertySource
        static void connection(DynamicPropertyRegistry registry) {
            registry.add("eventsourcing.connections.default.connection-string", () -> Azurite.get().connectionString());
        }

        @Autowired
        MockMvc mvc;

        @Test
        @DisplayName("is UP, with each backend's endpoint and rules, and no trace of the account key")
        void up() throws Exception {
            MvcResult result = mvc.perform(get("/actuator/health/eventsourcing"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("UP"))
                    .andExpect(jsonPath("$.components.storage.details['default/table'].status").value("UP"))
                    .andExpect(jsonPath("$.components.storage.details['default/table'].endpoint")
                            .value(Azurite.get().tableEndpoint()))
                    .andExpect(jsonPath("$.components.storage.details['default/table'].rules[0]").value("Bank.Account"))
                    .andExpect(jsonPath("$.components.storage.details['default/append-blob'].status").value("UP"))
                    .andExpect(jsonPath("$.components.storage.details['default/append-blob'].rules[0]").value("ALL.ALL"))
                    .andReturn();

            assertThat(result.getResponse().getContentAsString()).doesNotContain(Azurite.KEY).doesNotContain("AccountKey");
        }
    }

    @Nested
    @DisplayName("on an endpoint where nothing answers")
    @SpringBootTest(classes = StorageApplication.class, properties = {
            "eventsourcing.streams.[Bank.Account].backend=table",
            "eventsourcing.streams.[ALL.ALL].backend=append-blob",
            "management.endpoints.web.exposure.include=health",
            "management.endpoint.health.show-details=always",
            "eventsourcing.health.timeout=1s"})
    @AutoConfigureMockMvc
    class Unreachable {

        @DynamicPropertySource
        static void connection(DynamicPropertyRegistry registry) throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            String dead = "http://127.0.0.1:" + port + "/" + Azurite.ACCOUNT;
            registry.add("eventsourcing.connections.default.connection-string", () -> "DefaultEndpointsProtocol=http;"
                    + "AccountName=" + Azurite.ACCOUNT + ";AccountKey=" + Azurite.KEY + ";BlobEndpoint=" + dead
                    + ";TableEndpoint=" + dead + ";");
        }

        @Autowired
        MockMvc mvc;

        @Test
        @DisplayName("is DOWN within its timeout, saying why, with no trace of the account key in the whole health JSON")
        void down() throws Exception {
            long started = System.nanoTime();
            MvcResult result = mvc.perform(get("/actuator/health"))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(jsonPath("$.components.eventsourcing.status").value("DOWN"))
                    .andExpect(jsonPath("$.components.eventsourcing.components.storage.details['default/table'].status")
                            .value("DOWN"))
                    .andExpect(jsonPath("$.components.eventsourcing.components.storage.details['default/table'].error")
                            .isNotEmpty())
                    .andExpect(jsonPath("$.components.eventsourcing.components.storage.details['default/append-blob']"
                            + ".status").value("DOWN"))
                    .andReturn();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).isLessThan(Duration.ofSeconds(3));
            assertThat(result.getResponse().getContentAsString()).doesNotContain(Azurite.KEY).doesNotContain("AccountKey");
        }
    }

    @Test
    @DisplayName("is not there when switched off with management.health.eventsourcing.enabled=false")
    void switchedOff() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class,
                        InMemoryEventStoreAutoConfiguration.class, HealthContributorAutoConfiguration.class,
                        EventSourcingHealthAutoConfiguration.class))
                .withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=in-memory")
                .run(context -> assertThat(context).hasSingleBean(EventSourcingHealthContributor.class));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class,
                        InMemoryEventStoreAutoConfiguration.class, HealthContributorAutoConfiguration.class,
                        EventSourcingHealthAutoConfiguration.class))
                .withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=in-memory",
                        "management.health.eventsourcing.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(EventSourcingHealthContributor.class));
    }
}
