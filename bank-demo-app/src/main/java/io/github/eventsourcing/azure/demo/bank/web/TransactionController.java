package io.github.eventsourcing.azure.demo.bank.web;

import io.github.eventsourcing.azure.demo.bank.account.Bank;
import io.github.eventsourcing.azure.demo.bank.account.Teller;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.EventStream;
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

/** Money in and out, and the account's settings. Each writes to the account stream the starter injects. */
@RestController
@RequestMapping(path = "/api/accounts/{accountNumber}", produces = MediaType.APPLICATION_JSON_VALUE)
public class TransactionController {

    private final Teller teller;

    public TransactionController(Teller teller) {
        this.teller = teller;
    }

    @PostMapping("/deposits")
    public AccountController.Written deposit(@PathVariable String accountNumber, @RequestBody Deposit body,
                                             @StreamOf(domain = Bank.DOMAIN, entity = Bank.ACCOUNT,
                                                     key = "{accountNumber}") EventStream account,
                                             HttpServletRequest request) {
        BigDecimal amount = Check.positiveAmount("amount", body.amount());
        AppendResult written = teller.deposit(account, amount,
                RequestWriteContext.of(request, body.commentary(), body.source()));
        return new AccountController.Written(accountNumber, written.lastSequence());
    }

    @PostMapping("/withdrawals")
    public AccountController.BalanceView withdraw(@PathVariable String accountNumber, @RequestBody Withdrawal body,
                                                  @StreamOf(domain = Bank.DOMAIN, entity = Bank.ACCOUNT,
                                                          key = "{accountNumber}") EventStream account,
                                                  HttpServletRequest request) {
        BigDecimal amount = Check.positiveAmount("amount", body.amount());
        Teller.Withdrawal withdrawal = teller.withdraw(account, amount,
                RequestWriteContext.of(request, body.commentary()));
        return new AccountController.BalanceView(accountNumber, withdrawal.balance(), withdrawal.sequenceNumber());
    }

    @PutMapping("/overdraft-limit")
    public AccountController.Written setOverdraftLimit(@PathVariable String accountNumber,
                                                       @RequestBody OverdraftLimit body,
                                                       @StreamOf(domain = Bank.DOMAIN, entity = Bank.ACCOUNT,
                                                               key = "{accountNumber}") EventStream account,
                                                       HttpServletRequest request) {
        BigDecimal limit = Check.nonNegativeAmount("overdraft limit", body.limit());
        AppendResult written = teller.setOverdraftLimit(account, limit,
                RequestWriteContext.of(request, body.commentary()));
        return new AccountController.Written(accountNumber, written.lastSequence());
    }

    @PutMapping("/beneficiary")
    public AccountController.Written setBeneficiary(@PathVariable String accountNumber, @RequestBody Beneficiary body,
                                                    @StreamOf(domain = Bank.DOMAIN, entity = Bank.ACCOUNT,
                                                            key = "{accountNumber}") EventStream account,
                                                    HttpServletRequest request) {
        String name = Check.requiredText("beneficiary's name", body.name(), Check.MAX_NAME_LENGTH);
        String country = Check.optionalText("country of residence", body.countryOfResidence(), Check.MAX_NAME_LENGTH);
        AppendResult written = teller.setBeneficiary(account, name, country, RequestWriteContext.of(request, null));
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
