package io.github.eventsourcing.azure.demo.bank.account;

import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.test.InMemoryEventSourcing;

import java.math.BigDecimal;
import java.util.List;

/** The library's real stream and projection machinery over the in-memory backend: the domain tests' bank. */
final class InMemoryBank {

    static final WriteContext CONTEXT = WriteContext.empty().withWho("test");

    private final InMemoryEventSourcing eventSourcing = InMemoryEventSourcing.create();
    final EventStreams streams = eventSourcing.streams();
    final Projections projections = eventSourcing.projections();
    final Teller teller = new Teller(projections);

    EventStream account(String accountNumber) {
        return streams.stream(Bank.account(accountNumber));
    }

    /** Opens an account with an opening balance (and an overdraft limit when it is not zero). */
    EventStream open(String accountNumber, String openingBalance, String overdraftLimit) {
        EventStream account = account(accountNumber);
        teller.open(account, "Client of " + accountNumber, new BigDecimal(openingBalance), CONTEXT);
        if (new BigDecimal(overdraftLimit).signum() > 0) {
            teller.setOverdraftLimit(account, new BigDecimal(overdraftLimit), CONTEXT);
        }
        return account;
    }

    static List<String> eventNames(EventStream account) {
        return account.read().stream().map(RecordedEvent::eventName).toList();
    }
}
