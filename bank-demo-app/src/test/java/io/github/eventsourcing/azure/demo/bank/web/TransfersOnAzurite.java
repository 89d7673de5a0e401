package io.github.eventsourcing.azure.demo.bank.web;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Starting and following transfers over HTTP, as a client of the API would. */
abstract class TransfersOnAzurite extends BankOnAzurite {

    static final String TRANSFERS = "/api/transfers";

    static Map<String, Object> transfer(String from, String to, String amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", from);
        body.put("to", to);
        body.put("amount", new BigDecimal(amount));
        return body;
    }

    /** Starts a transfer, checks the 202 answer, and returns its id. */
    String startTransfer(String from, String to, String amount) {
        BankHttp.Reply started = http.post(TRANSFERS, transfer(from, to, amount));
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        String id = started.json().get("id").asText();
        assertThat(started.headers().firstValue("Location")).hasValue(TRANSFERS + "/" + id);
        assertThat(started.json().get("status").asText()).isIn("pending", "completed", "failed", "compensated");
        return id;
    }

    /** The transfer once it reached a terminal status (within 10 s, as the API promises while an instance runs). */
    JsonNode awaitTerminal(String id) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> !http.get(TRANSFERS + "/" + id).json().path("status").asText().equals("pending"));
        BankHttp.Reply reply = http.get(TRANSFERS + "/" + id);
        assertThat(reply.status()).isEqualTo(200);
        return reply.json();
    }
}
