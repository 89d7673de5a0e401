package io.github.eventsourcing.azure.table.internal;

import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.web.EventSourcingWebMvcAutoConfiguration;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreFactory;
import io.github.eventsourcing.azure.spi.StorageConnection;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.NewEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client of the service sees of a storage freeze of seconds, over real HTTP: the Table backend through the real
 * SDK against Azurite, with a freezing client, and the outcome check shortened to 2 seconds.
 */
@SpringBootTest(classes = AppendOutcomeOverHttpTests.PaymentsApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"eventsourcing.streams.[Pay.ALL].backend=frozen-table",
                "eventsourcing.appends.outcome-check-timeout=2s"})
@DisplayName("Appends of unknown outcome over HTTP")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AppendOutcomeOverHttpTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    StorageFreeze freeze;

    @Autowired
    EventStreams streams;

    private final String account = "A-" + UUID.randomUUID();

    @BeforeEach
    void createTheTable() throws Exception {
        // A first transaction to a missing table fails and creates it: the tests' transactions go to one that exists.
        assertThat(pay("warm-up-" + UUID.randomUUID(), "p-0", 1).statusCode()).isEqualTo(200);
    }

    @AfterEach
    void thaw() {
        freeze.thaw();
    }

    @Test
    @DisplayName("a payment whose outcome stays unknown is answered 504 with its own problem type, never 503")
    void unknownOutcome() throws Exception {
        freeze.freeze(StorageFreeze.Kind.NO_ANSWER, Duration.ofSeconds(30));

        HttpResponse<String> response = pay(account, "p-1", 7000);

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"type\":\"urn:eventsourcing-azure:problem:append-outcome-unknown\"")
                .contains("\"outcome\":\"unknown\"").contains("\"eventIds\":[\"p-1\"]")
                .doesNotContain("127.0.0.1").doesNotContain("try again");
    }

    @Test
    @DisplayName("a payment stored while the answers were lost is answered as done once storage answers again")
    void landedDuringTheFreeze() throws Exception {
        freeze.freeze(StorageFreeze.Kind.FIRST_TRANSACTION_LANDS, Duration.ofMillis(1200));

        HttpResponse<String> response = pay(account, "p-1", 7000);

        assertThat(freeze.transactionLanded()).isTrue();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"firstSequence\":1").contains("\"alreadyApplied\":true");
        assertThat(streams.stream(StreamId.of("Pay", "Account", account)).version()).isEqualTo(1);
    }

    @Test
    @DisplayName("a payment that provably never reached storage is answered 503")
    void neverSent() throws Exception {
        freeze.freeze(StorageFreeze.Kind.CONNECTION_REFUSED, Duration.ofSeconds(30));

        HttpResponse<String> response = pay(account, "p-1", 7000);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"title\":\"Event store unavailable\"").doesNotContain("outcome");
    }

    @Test
    @DisplayName("a payment id reused for another amount is answered 409 naming the id")
    void reusedId() throws Exception {
        assertThat(pay(account, "p-1", 7000).statusCode()).isEqualTo(200);

        HttpResponse<String> response = pay(account, "p-1", 5000);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("\"title\":\"Event id conflict\"").contains("\"eventIds\":[\"p-1\"]");
        assertThat(pay(account, "p-1", 7000).body()).contains("\"alreadyApplied\":true");
    }

    private HttpResponse<String> pay(String account, String paymentId, int cents) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/accounts/" + account
                        + "/opening-payments/" + paymentId + "?cents=" + cents)).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @EventName("Payment Made (outcome test)")
    record PaymentMade(int cents) {
    }

    @RestController
    static class PaymentController {

        private final EventStreams streams;

        PaymentController(EventStreams streams) {
            this.streams = streams;
        }

        /**
         * The payment that opens an account. The payment id is the event id, so a client's repeat of the same payment
         * is recognised. Expecting a new stream, the append is sent at once, without reading the stream first.
         */
        @PostMapping("/accounts/{account}/opening-payments/{paymentId}")
        AppendResult pay(@PathVariable String account, @PathVariable String paymentId, @RequestParam int cents) {
            return streams.stream(StreamId.of("Pay", "Account", account))
                    .append(List.of(NewEvent.of(new PaymentMade(cents), paymentId)), AppendOptions.expectingVersion(0));
        }
    }

    @SpringBootConfiguration
    @AutoConfigurationPackage
    @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
            JacksonAutoConfiguration.class, EventSourcingAutoConfiguration.class,
            EventSourcingWebMvcAutoConfiguration.class})
    static class PaymentsApplication {

        @Bean
        StorageFreeze storageFreeze() {
            return new StorageFreeze();
        }

        @Bean
        PaymentController paymentController(EventStreams streams) {
            return new PaymentController(streams);
        }

        /** The Table backend on Azurite, through a client whose traffic the test can freeze. */
        @Bean
        EventStoreFactory frozenTableFactory(StorageFreeze freeze) {
            return new EventStoreFactory() {
                @Override
                public String backend() {
                    return "frozen-table";
                }

                @Override
                public boolean needsConnection() {
                    return false;
                }

                @Override
                public EventStore create(StorageConnection connection) {
                    return new TableEventStore(AzuriteTables.client(new AzureTableLimitsPolicy(), freeze));
                }
            };
        }
    }
}
