package io.github.eventsourcing.azure.demo.bank.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.eventsourcing.azure.demo.bank.account.AccountNotFoundException;
import io.github.eventsourcing.azure.demo.bank.account.AccountQueries;
import io.github.eventsourcing.azure.demo.bank.account.Bank;
import io.github.eventsourcing.azure.demo.bank.account.Teller;
import io.github.eventsourcing.azure.demo.bank.account.projection.AccountSummary;
import io.github.eventsourcing.azure.demo.bank.account.projection.Balance;
import io.github.eventsourcing.azure.demo.bank.account.projection.BalanceBelowThreshold;
import io.github.eventsourcing.azure.demo.bank.account.projection.BalanceHistory;
import io.github.eventsourcing.azure.projection.ClassificationResult;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.web.ClassificationOf;
import io.github.eventsourcing.azure.web.IdempotentRequest;
import io.github.eventsourcing.azure.web.ProjectionOf;
import io.github.eventsourcing.azure.web.StreamOf;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Opening, reading and closing accounts. The account's stream and projections are injected by the starter. */
@RestController
@RequestMapping(path = "/api/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
public class AccountController {

    private final Teller teller;
    private final AccountQueries queries;

    public AccountController(Teller teller, AccountQueries queries) {
        this.teller = teller;
        this.queries = queries;
    }

    @PostMapping("/{accountNumber}")
    public ResponseEntity<Written> open(@PathVariable String accountNumber, @RequestBody OpenAccount body,
                                        @StreamOf(domain = Bank.DOMAIN, entity = Bank.ACCOUNT, key = "{accountNumber}")
                                        EventStream account,
                                        IdempotentRequest idempotency, HttpServletRequest request) {
        String clientName = Check.requiredText("client name", body.clientName(), Check.MAX_NAME_LENGTH);
        BigDecimal openingBalance = body.openingBalance() == null ? null
                : Check.nonNegativeAmount("opening balance", body.openingBalance());
        WriteContext context = RequestWriteContext.of(request, body.commentary());
        return idempotency.run(account, body, original -> opened(accountNumber, original.result()),
                stream -> opened(accountNumber, teller.open(stream, clientName, openingBalance, context)));
    }

    private static ResponseEntity<Written> opened(String accountNumber, AppendResult opened) {
        return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/accounts/{n}").build(accountNumber))
                .body(new Written(accountNumber, opened.lastSequence()));
    }

    /**
     * Every account (or those below a balance), all at once as ever; or one page of them when {@code pageSize} or
     * {@code continuation} is given, the next page's address in a {@code Link: <...>; rel="next"} header, so that
     * the body keeps its shape.
     */
    @GetMapping
    public ResponseEntity<List<AccountQueries.Listing>> list(@RequestParam(required = false) BigDecimal balanceBelow,
                                                            @RequestParam(required = false) Integer pageSize,
                                                            @RequestParam(required = false) String continuation) {
        BigDecimal threshold = balanceBelow == null ? null : Check.amount("balanceBelow threshold", balanceBelow);
        if (pageSize == null && continuation == null) {
            return ResponseEntity.ok(queries.list(threshold));
        }
        int size = AccountPaging.pageSize(pageSize);
        AccountQueries.ListingPage page = AccountPaging.page(continuation,
                after -> queries.page(threshold, size, after));
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (page.continuation() != null) {
            ok.header(HttpHeaders.LINK, AccountPaging.next(threshold, size, page.continuation()));
        }
        return ok.body(page.listings());
    }

    @GetMapping("/{accountNumber}")
    public AccountView get(@PathVariable String accountNumber,
                           @ProjectionOf(domain = Bank.DOMAIN, entity = Bank.ACCOUNT, key = "{accountNumber}")
                           ProjectionResult<AccountSummary> summary,
                           @ClassificationOf(domain = Bank.DOMAIN, entity = Bank.ACCOUNT, key = "{accountNumber}",
                                   parameters = "threshold=${bank.low-balance-warning:100}")
                           ClassificationResult<BalanceBelowThreshold> lowBalance) {
        if (!summary.exists()) {
            throw new AccountNotFoundException(accountNumber);
        }
        AccountSummary account = summary.state();
        return new AccountView(accountNumber, account.getClientName(), account.getBalance().getAmount(),
                account.getOverdraftLimit().getLimit(), account.getInterestDue().getAmount(),
                account.getBeneficiary(), summary.asOfSequence(), lowBalance.included());
    }

    @GetMapping("/{accountNumber}/balance")
    public BalanceView balance(@PathVariable String accountNumber,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                               Instant asOf,
                               @ProjectionOf(domain = Bank.DOMAIN, entity = Bank.ACCOUNT, key = "{accountNumber}")
                               ProjectionResult<Balance> latest) {
        if (!latest.exists()) {
            throw new AccountNotFoundException(accountNumber);
        }
        ProjectionResult<Balance> balance = asOf == null ? latest : queries.balanceAsOf(accountNumber, asOf);
        return new BalanceView(accountNumber, balance.state().getAmount(), balance.asOfSequence());
    }

    /** The balance after every event that moved it: the data behind the page's chart. */
    @GetMapping("/{accountNumber}/balance/history")
    public List<BalanceHistory.Point> balanceHistory(@PathVariable String accountNumber,
                                                     @ProjectionOf(domain = Bank.DOMAIN, entity = Bank.ACCOUNT,
                                                             key = "{accountNumber}")
                                                     ProjectionResult<BalanceHistory> history) {
        if (!history.exists()) {
            throw new AccountNotFoundException(accountNumber);
        }
        return history.state().getPoints();
    }

    @GetMapping("/{accountNumber}/events")
    public List<EventView> events(@PathVariable String accountNumber,
                                  @StreamOf(domain = Bank.DOMAIN, entity = Bank.ACCOUNT, key = "{accountNumber}")
                                  EventStream account) {
        List<RecordedEvent> events = account.read();
        if (events.isEmpty()) {
            throw new AccountNotFoundException(accountNumber);
        }
        return events.stream().map(EventView::of).toList();
    }

    @DeleteMapping("/{accountNumber}")
    public ResponseEntity<Void> close(@PathVariable String accountNumber,
                                      @StreamOf(domain = Bank.DOMAIN, entity = Bank.ACCOUNT, key = "{accountNumber}")
                                      EventStream account) {
        if (!account.delete()) {
            throw new AccountNotFoundException(accountNumber);
        }
        return ResponseEntity.noContent().build();
    }

    public record OpenAccount(String clientName, String commentary, BigDecimal openingBalance) {
    }

    /** What a write did: the account's version after it. */
    public record Written(String accountNumber, long sequenceNumber) {
    }

    public record AccountView(String accountNumber, String clientName, BigDecimal balance, BigDecimal overdraftLimit,
                              BigDecimal interestDue, AccountSummary.Beneficiary beneficiary, long sequenceNumber,
                              boolean lowBalance) {
    }

    public record BalanceView(String accountNumber, BigDecimal balance, long sequenceNumber) {
    }

    public record EventView(long sequenceNumber, String eventType, Instant writtenAt, Object payload,
                            ContextView context) {

        static EventView of(RecordedEvent event) {
            WriteContext c = event.context();
            return new EventView(event.sequence(), event.eventName(), event.writtenAt(), event.payload(),
                    new ContextView(c.who(), c.source(), c.commentary(), c.correlationId(), c.causationId()));
        }
    }

    /** The write context as shown to users: only the parts that were given. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContextView(String who, String source, String commentary, String correlationId, String causationId) {
    }
}
