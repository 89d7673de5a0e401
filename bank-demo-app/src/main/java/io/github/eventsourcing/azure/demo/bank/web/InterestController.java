package io.github.eventsourcing.azure.demo.bank.web;

import io.github.eventsourcing.azure.demo.bank.BankProperties;
import io.github.eventsourcing.azure.demo.bank.account.AccountQueries;
import io.github.eventsourcing.azure.demo.bank.account.Bank;
import io.github.eventsourcing.azure.demo.bank.account.InterestDesk;
import io.github.eventsourcing.azure.demo.bank.account.InterestRates;
import io.github.eventsourcing.azure.demo.bank.account.event.InterestAccrued;
import io.github.eventsourcing.azure.demo.bank.account.event.InterestPaid;
import io.github.eventsourcing.azure.demo.bank.interest.InterestRunNotFoundException;
import io.github.eventsourcing.azure.demo.bank.interest.InterestRuns;
import io.github.eventsourcing.azure.demo.bank.interest.NightlyInterestJob;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.web.IdempotentRequest;
import io.github.eventsourcing.azure.web.StreamOf;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;

/** Accruing and paying interest on one account, and interest runs over all of them (started on demand, listed). */
@RestController
public class InterestController {

    private static final int MAX_LISTED = 50;

    private final InterestDesk interestDesk;
    private final AccountQueries queries;
    private final NightlyInterestJob nightlyJob;
    private final InterestRuns runs;
    private final BankProperties.Interest defaults;

    public InterestController(InterestDesk interestDesk, AccountQueries queries, NightlyInterestJob nightlyJob,
                              InterestRuns runs, BankProperties properties) {
        this.interestDesk = interestDesk;
        this.queries = queries;
        this.nightlyJob = nightlyJob;
        this.runs = runs;
        this.defaults = properties.interest();
    }

    @PostMapping(path = "/api/accounts/{accountNumber}/interest/accruals", produces = MediaType.APPLICATION_JSON_VALUE)
    public Accrued accrue(@PathVariable String accountNumber, @RequestBody(required = false) Rates body,
                          @StreamOf(domain = Bank.DOMAIN, entity = Bank.ACCOUNT, key = "{accountNumber}")
                          EventStream account,
                          IdempotentRequest idempotency, HttpServletRequest request) {
        Rates given = body != null ? body : new Rates(null, null);
        InterestRates rates = new InterestRates(
                Check.rate("credit rate", given.creditRate() != null ? given.creditRate() : defaults.creditRate()),
                Check.rate("debit rate", given.debitRate() != null ? given.debitRate() : defaults.debitRate()));
        WriteContext context = RequestWriteContext.of(request, null);
        // The rates as given, so that no body and an empty one are the same request; a repeat answers the original
        // accrual even on a later day, instead of accruing that day's interest.
        InterestDesk.Accrual accrual = idempotency.run(account, given,
                original -> {
                    InterestAccrued accrued = original.event(InterestAccrued.class);
                    return new InterestDesk.Accrual(accrued.amount(), accrued.accruedOn(),
                            original.result().lastSequence());
                },
                stream -> interestDesk.accrue(stream, rates, context));
        return new Accrued(accountNumber, accrual.amount(), accrual.accruedOn(), accrual.sequenceNumber());
    }

    @PostMapping(path = "/api/accounts/{accountNumber}/interest/payments", produces = MediaType.APPLICATION_JSON_VALUE)
    public Paid pay(@PathVariable String accountNumber,
                    @StreamOf(domain = Bank.DOMAIN, entity = Bank.ACCOUNT, key = "{accountNumber}") EventStream account,
                    IdempotentRequest idempotency, HttpServletRequest request) {
        WriteContext context = RequestWriteContext.of(request, null);
        // A payment with nothing payable writes nothing, so its repeat runs again (and pays what became due since).
        InterestDesk.Payment payment = idempotency.run(account, null,
                original -> {
                    long sequence = original.result().lastSequence();
                    return new InterestDesk.Payment(original.event(InterestPaid.class).amount(),
                            queries.balanceAfter(account.id(), sequence), sequence);
                },
                stream -> interestDesk.pay(stream, context));
        return new Paid(accountNumber, payment.amount(), payment.balance(), payment.sequenceNumber());
    }

    /** Starts a new interest run over every account; it runs in the background. */
    @PostMapping(path = "/api/interest/accrue-all", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<RunStarted> accrueAll(HttpServletRequest request) {
        String id = nightlyJob.startNow(RequestWriteContext.of(request, null, "accrue-all request")).id();
        return ResponseEntity.accepted().location(URI.create("/api/interest/runs/" + id)).body(new RunStarted(id));
    }

    @GetMapping(path = "/api/interest/runs/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public InterestRuns.RunView run(@PathVariable String id) {
        return runs.find(id).orElseThrow(() -> new InterestRunNotFoundException(id));
    }

    /** The latest interest runs, newest first (at most {@value #MAX_LISTED}). */
    @GetMapping(path = "/api/interest/runs", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<InterestRuns.RunView> runs(@RequestParam(defaultValue = "20") int limit) {
        return runs.latest(Math.max(1, Math.min(limit, MAX_LISTED)));
    }

    public record RunStarted(String id) {
    }

    /** Daily rates; a rate left out is the configured one ({@code bank.interest.*}). */
    public record Rates(BigDecimal creditRate, BigDecimal debitRate) {
    }

    public record Accrued(String accountNumber, BigDecimal amount, LocalDate accruedOn, long sequenceNumber) {
    }

    public record Paid(String accountNumber, BigDecimal amount, BigDecimal balance, long sequenceNumber) {
    }
}
