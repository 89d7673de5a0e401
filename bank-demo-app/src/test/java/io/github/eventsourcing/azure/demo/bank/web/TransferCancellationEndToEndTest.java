package io.github.eventsourcing.azure.demo.bank.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each transfer pauses between its debit and its credit, so that the test can act in between. */
@DisplayName("Cancelling and compensating transfers, end to end on Table storage")
@TestPropertySource(properties = "bank.transfers.delay-before-credit=2s")
class TransferCancellationEndToEndTest extends TransfersOnAzurite {

    @Test
    @DisplayName("a transfer cancelled after its debit is refunded and ends cancelled; a repeat is 202, then 409")
    void cancelled() {
        String from = openAccount("40.00");
        String to = openAccount(null);
        String id = startTransfer(from, to, "15.00");
        awaitDebited(from, "25.00");

        BankHttp.Reply cancel = http.delete(TRANSFERS + "/" + id);
        assertThat(cancel.status()).as("%s", cancel).isEqualTo(202);
        assertThat(cancel.json().get("id").asText()).isEqualTo(id);
        assertThat(http.delete(TRANSFERS + "/" + id).status()).isEqualTo(202);

        JsonNode done = awaitTerminal(id);
        assertThat(done.get("status").asText()).isEqualTo("cancelled");
        assertThat(done.has("reason")).isFalse();
        // The debit was written when the request came: the cancellation waited for the debit's step boundary, then
        // undid it; the credit never started.
        assertThat(steps(done)).containsExactly("debit:completed", "refund:completed");
        assertThat(balanceOf(from)).isEqualByComparingTo("40.00");
        assertThat(balanceOf(to)).isEqualByComparingTo("0");
        assertProblem(http.delete(TRANSFERS + "/" + id), 409, "finished");
    }

    @Test
    @DisplayName("a transfer whose target is closed mid-transfer refunds the debit and ends compensated")
    void compensated() {
        String from = openAccount("40.00");
        String to = openAccount(null);
        String id = startTransfer(from, to, "15.00");
        awaitDebited(from, "25.00");
        assertThat(http.delete(BankHttp.account(to)).ok()).isTrue();

        JsonNode done = awaitTerminal(id);
        assertThat(done.get("status").asText()).isEqualTo("compensated");
        assertThat(done.get("reason").asText()).isEqualTo("account-not-found");
        assertThat(steps(done)).containsExactly("debit:completed", "credit:failed", "refund:completed");
        assertThat(balanceOf(from)).isEqualByComparingTo("40.00");
    }

    /** Until the debit's write shows in the source's balance: the transfer is then in its pause before the credit. */
    private void awaitDebited(String from, String balance) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                balanceOf(from).compareTo(new java.math.BigDecimal(balance)) == 0);
    }

    private static List<String> steps(JsonNode transfer) {
        List<String> steps = new ArrayList<>();
        transfer.path("steps").forEach(step -> steps.add(step.get("name").asText() + ":" + step.get("status").asText()));
        return steps;
    }
}
