package io.github.eventsourcing.azure.demo.bank.web;

import io.github.eventsourcing.azure.demo.bank.account.AccountQueries;
import io.github.eventsourcing.azure.demo.bank.account.Bank;
import io.github.eventsourcing.azure.demo.bank.account.Teller;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.web.IdempotentRequest;
import io.github.eventsourcing.azure.web.OriginalWrite;
import io.github.eventsourcing.azure.web.StreamOf;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.function.Function;

/**
 * Money in and out, and the account's settings. Each writes to the account stream the starter injects, once per
 * {@code Idempotency-Key}: a repeated request gets the first one's answer.
 */
@RestController
@RequestMapping(path = "/api/accounts/{accountNumber}", produces = MediaType.APPLICATION_JSON_VALUE)
public class TransactionController {

    private final Teller teller;
    private final AccountQueries queries;

    public TransactionController(Teller teller, AccountQueries queries) {
        this.teller = teller;
        this.queries = queries;
    }

    @PostMapping("/deposits")
    public AccountController.Written deposit(@PathVariable String accountNumber, @RequestBody Deposit body,
                                             @StreamOf(domain = Bank.DOMAIN, entity = Bank.ACCOUNT,
                                                     key = "{accountNumber}") EventStream account,
                                             IdempotentRequest idempotency, HttpServletRequest request) {
        BigDecimal amount = Check.positiveAmount("amount", body.amount());
        WriteContext context = RequestWriteContext.of(request, body.commentary(), body.source());
        return written(accountNumber, body, account, idempotency, stream -> teller.deposit(stream, amount, context));
    }

    @PostMapping("/withdrawals")
    public AccountController.BalanceView withdraw(@PathVariable String accountNumber, @RequestBody Withdrawal body,
                                                  @StreamOf(domain = Bank.DOMAIN, entity = Bank.ACCOUNT,
                                                          key = "{accountNumber}") EventStream account,
                                                  IdempotentRequest idempotency, HttpServletRequest request) {
        BigDecimal amount = Check.positiveAmount("amount", body.amount());
        WriteContext context = RequestWriteContext.of(request, body.commentary());
        // A repeated withdrawal answers the balance right after its own first run, however the account moved since.
        Teller.Withdrawal withdrawal = idempotency.run(account, body,
                original -> new Teller.Withdrawal(queries.balanceAfter(account.id(), original.result().lastSequence()),
                        original.result()),
                stream -> teller.withdraw(stream, amount, context));
        return new AccountController.BalanceView(accountNumber, withdrawal.balance(), withdrawal.sequenceNumber());
    }

    @PutMapping("/overdraft-limit")
    public AccountController.Written setOverdraftLimit(@PathVariable String accountNumber,
                                                       @RequestBody OverdraftLimit body,
                                                       @StreamOf(domain = Bank.DOMAIN, entity = Bank.ACCOUNT,
                                                               key = "{accountNumber}") EventStream account,
                                                       IdempotentRequest idempotency, HttpServletRequest request) {
        BigDecimal limit = Check.nonNegativeAmount("overdraft limit", body.limit());
        WriteContext context = RequestWriteContext.of(request, body.commentary());
        return written(accountNumber, body, account, idempotency,
                stream -> teller.setOverdraftLimit(stream, limit, context));
    }

    @PutMapping("/beneficiary")
    public AccountController.Written setBeneficiary(@PathVariable String accountNumber, @RequestBody Beneficiary body,
                                                    @StreamOf(domain = Bank.DOMAIN, entity = Bank.ACCOUNT,
                                                            key = "{accountNumber}") EventStream account,
                                                    IdempotentRequest idempotency, HttpServletRequest request) {
        String name = Check.requiredText("beneficiary's name", body.name(), Check.MAX_NAME_LENGTH);
        String country = Check.optionalText("country of residence", body.countryOfResidence(), Check.MAX_NAME_LENGTH);
        WriteContext context = RequestWriteContext.of(request, null);
        return written(accountNumber, body, account, idempotency,
                stream -> teller.setBeneficiary(stream, name, country, context));
    }

    /** A write whose answer is the account's version after it; a repeated request answers the original version. */
    private static AccountController.Written written(String accountNumber, Object body, EventStream account,
                                                     IdempotentRequest idempotency,
                                                     Function<EventStream, AppendResult> write) {
        AppendResult written = idempotency.run(account, body, OriginalWrite::result, write);
        return new AccountController.Written(accountNumber, written.lastSequence());
    }

    public record Deposit(BigDecimal amount, String commentary, String source) {
    }

    public record Withdrawal(BigDecimal amount, String commentary) {
    }

    public record OverdraftLimit(BigDecimal limit, String commentary) {
    }

    public record Beneficiary(String name, String countryOfResidence) {
    }
}
