package io.github.eventsourcing.azure.demo.bank.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Concurrent transfers among a few accounts, end to end on Table storage")
class TransferConcurrencyEndToEndTest extends TransfersOnAzurite {

    private static final int CLIENTS = 8;
    private static final int ACCOUNTS = 5;
    private static final int TRANSFERS_PER_CLIENT = 3;
    private static final BigDecimal OPENING = new BigDecimal("50.00");
    private static final BigDecimal OVERDRAFT = new BigDecimal("20.00");

    @Test
    @DisplayName("8 clients moving money among 5 accounts conserve it, never overdraw, and every transfer ends")
    void moneyIsConserved() throws Exception {
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            String number = openAccount(OPENING.toPlainString());
            assertThat(setOverdraftLimit(number, OVERDRAFT.toPlainString()).ok()).isTrue();
            accounts.add(number);
        }
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<List<String>>> started = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            started.add(clients.submit(() -> {
                List<String> ids = new ArrayList<>();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int t = 0; t < TRANSFERS_PER_CLIENT; t++) {
                    int from = random.nextInt(ACCOUNTS);
                    int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                    String amount = BigDecimal.valueOf(random.nextInt(100, 4000), 2).toPlainString();
                    ids.add(startTransfer(accounts.get(from), accounts.get(to), amount));
                }
                return ids;
            }));
        }
        List<String> ids = new ArrayList<>();
        for (Future<List<String>> client : started) {
            ids.addAll(client.get());
        }
        clients.shutdown();

        BigDecimal moved = BigDecimal.ZERO;
        for (String id : ids) {
            JsonNode done = awaitTerminal(id);
            assertThat(done.get("status").asText()).as("%s", done).isIn("completed", "failed");
            if (done.get("status").asText().equals("completed")) {
                moved = moved.add(done.get("amount").decimalValue());
            } else {
                assertThat(done.get("reason").asText()).isEqualTo("insufficient-funds");
            }
        }
        BigDecimal total = BigDecimal.ZERO;
        for (String account : accounts) {
            BigDecimal balance = balanceOf(account);
            assertThat(balance).as("balance of %s", account).isGreaterThanOrEqualTo(OVERDRAFT.negate());
            total = total.add(balance);
        }
        assertThat(total).isEqualByComparingTo(OPENING.multiply(BigDecimal.valueOf(ACCOUNTS)));
        assertThat(moved.signum()).as("some money moved").isPositive();
    }
}
