package io.github.eventsourcing.azure.demo.bank.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.github.eventsourcing.azure.demo.bank.web.BankHttp.account;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("One account under many concurrent clients, end to end on Table storage")
class ConcurrentClientsEndToEndTest extends BankOnAzurite {

    private static final BigDecimal OPENING_BALANCE = new BigDecimal("100.00");
    private static final BigDecimal OVERDRAFT_LIMIT = new BigDecimal("50.00");
    private static final int CLIENTS = 8;
    private static final int OPERATIONS_PER_CLIENT = 12;

    /** One request a client made, and the status it got. */
    record Operation(String id, String eventType, BigDecimal amount, int status) {
        boolean acknowledged() {
            return status >= 200 && status < 300;
        }
    }

    @Test
    @DisplayName("never creates, loses or overdraws money, and the history is exactly the acknowledged operations")
    void concurrentDepositsAndWithdrawals() throws Exception {
        String number = openAccount(OPENING_BALANCE.toPlainString());
        assertThat(setOverdraftLimit(number, OVERDRAFT_LIMIT.toPlainString()).ok()).isTrue();
        int setUpEvents = 3; // opened, opening deposit, overdraft limit

        List<Operation> operations = runClients(number);

        // Every answer is a success, a refusal for lack of funds, or "busy, nothing done" (409): nothing else.
        assertThat(operations).allSatisfy(op -> assertThat(op.status()).as("%s", op).isIn(200, 409, 422));
        assertThat(operations).filteredOn(op -> op.eventType().equals("Money Deposited"))
                .as("deposits are never refused for lack of funds")
                .allSatisfy(op -> assertThat(op.status()).isNotEqualTo(422));
        List<Operation> acknowledged = operations.stream().filter(Operation::acknowledged).toList();
        assertThat(acknowledged).filteredOn(op -> op.eventType().equals("Money Withdrawn")).isNotEmpty();
        assertThat(operations).filteredOn(op -> op.status() == 422).as("the account did run up against its limit")
                .isNotEmpty();

        // The history holds exactly the acknowledged operations, each once, as the clients sent them.
        JsonNode events = http.get(account(number) + "/events").json();
        Map<String, JsonNode> byOperation = new HashMap<>();
        for (int i = setUpEvents; i < events.size(); i++) {
            JsonNode event = events.get(i);
            JsonNode previous = byOperation.put(event.get("context").get("commentary").asText(), event);
            assertThat(previous).as("operation written twice: %s", event).isNull();
        }
        assertThat(byOperation.keySet()).containsExactlyInAnyOrderElementsOf(
                acknowledged.stream().map(Operation::id).toList());
        for (Operation op : acknowledged) {
            JsonNode event = byOperation.get(op.id());
            assertThat(event.get("eventType").asText()).isEqualTo(op.eventType());
            assertThat(event.get("payload").get("amount").decimalValue()).isEqualByComparingTo(op.amount());
        }

        // The balance is what the acknowledged operations add up to, and it never went past the overdraft limit.
        BigDecimal expected = OPENING_BALANCE;
        for (Operation op : acknowledged) {
            expected = op.eventType().equals("Money Deposited") ? expected.add(op.amount())
                    : expected.subtract(op.amount());
        }
        assertThat(balanceOf(number)).isEqualByComparingTo(expected);
        BigDecimal running = OPENING_BALANCE;
        for (int i = setUpEvents; i < events.size(); i++) {
            JsonNode event = events.get(i);
            BigDecimal amount = event.get("payload").get("amount").decimalValue();
            running = event.get("eventType").asText().equals("Money Deposited") ? running.add(amount)
                    : running.subtract(amount);
            assertThat(running).as("balance after event #%s", event.get("sequenceNumber"))
                    .isGreaterThanOrEqualTo(OVERDRAFT_LIMIT.negate());
        }
    }

    /** All clients start together and each sends its requests one after the other, as fast as it can. */
    private List<Operation> runClients(String number) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Operation>>> clients = new ArrayList<>();
        try {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    Random random = new Random(client);
                    List<Operation> done = new ArrayList<>();
                    start.await();
                    for (int k = 0; k < OPERATIONS_PER_CLIENT; k++) {
                        String id = "client " + client + " op " + k;
                        boolean deposit = random.nextBoolean();
                        // Withdrawals are larger on average, so the account keeps hitting its overdraft limit.
                        BigDecimal amount = BigDecimal.valueOf(deposit ? 500 + random.nextInt(2000)
                                : 1000 + random.nextInt(5000), 2);
                        String path = account(number) + (deposit ? "/deposits" : "/withdrawals");
                        BankHttp.Reply reply = http.post(path, Map.of("amount", amount, "commentary", id));
                        done.add(new Operation(id, deposit ? "Money Deposited" : "Money Withdrawn", amount,
                                reply.status()));
                    }
                    return done;
                }));
            }
            start.countDown();
            List<Operation> all = new ArrayList<>();
            for (Future<List<Operation>> client : clients) {
                all.addAll(client.get(2, TimeUnit.MINUTES));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}
