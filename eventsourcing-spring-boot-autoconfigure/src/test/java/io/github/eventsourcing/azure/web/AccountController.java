package io.github.eventsourcing.azure.web;

import io.github.eventsourcing.azure.projection.ClassificationParameter;
import io.github.eventsourcing.azure.projection.ClassificationResult;
import io.github.eventsourcing.azure.projection.Classified;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamRecreatedDuringReadException;
import io.github.eventsourcing.azure.stream.UnsupportedStoredFormatException;
import io.github.eventsourcing.azure.stream.WriteContext;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** A small controller that uses every binding annotation, as an application would. */
@RestController
@RequestMapping("/accounts/{accountNumber}")
class AccountController {

    @EventName("Money Deposited")
    record MoneyDeposited(BigDecimal amount) {
    }

    record Deposit(BigDecimal amount) {
    }

    record CommentedDeposit(BigDecimal amount, String commentary) {
    }

    static class Balance {
        BigDecimal amount = BigDecimal.ZERO;

        @EventHandler
        void on(MoneyDeposited deposited) {
            amount = amount.add(deposited.amount());
        }
    }

    static class Wealthy {
        @ClassificationParameter("threshold")
        BigDecimal threshold;
        BigDecimal balance = BigDecimal.ZERO;

        @EventHandler
        Classified on(MoneyDeposited deposited) {
            balance = balance.add(deposited.amount());
            return balance.compareTo(threshold) >= 0 ? Classified.INCLUDE : Classified.EXCLUDE;
        }
    }

    @PostMapping("/deposits")
    ResponseEntity<Map<String, Object>> deposit(@RequestBody Deposit body,
            @StreamOf(domain = "Bank", entity = "Account", key = "{accountNumber}") EventStream account) {
        AppendResult result = account.append(new MoneyDeposited(body.amount()));
        return ResponseEntity.status(result.streamCreated() ? 201 : 200).body(Map.of("version", result.lastSequence()));
    }

    @PostMapping("/commented-deposits")
    AppendResult commentedDeposit(@RequestBody CommentedDeposit body,
            @StreamOf(domain = "Bank", entity = "Account", key = "{accountNumber}") EventStream account) {
        return account.append(List.of(new MoneyDeposited(body.amount())),
                AppendOptions.DEFAULT.withContext(WriteContext.EMPTY.withCommentary(body.commentary())));
    }

    @GetMapping("/balance")
    ResponseEntity<Map<String, Object>> balance(
            @ProjectionOf(domain = "Bank", entity = "Account", key = "{accountNumber}") ProjectionResult<Balance> balance) {
        if (!balance.exists()) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok(Map.of("balance", balance.state().amount, "version", balance.asOfSequence()));
    }

    @GetMapping("/balance/{asOf}")
    ResponseEntity<Map<String, Object>> balanceAsOf(@ProjectionOf(domain = "Bank", entity = "Account",
            key = "{accountNumber}", asOf = "{asOf}") ProjectionResult<Balance> balance) {
        return ResponseEntity.ok(Map.of("exists", balance.exists(), "balance", balance.state().amount));
    }

    /** The domain comes from the environment ({@code bank.domain}), the threshold too. */
    @GetMapping("/wealthy")
    Map<String, Object> wealthy(@ClassificationOf(domain = "${bank.domain}", entity = "Account", key = "{accountNumber}",
            parameters = "threshold=${bank.wealthy-threshold}") ClassificationResult<Wealthy> wealthy) {
        return Map.of("exists", wealthy.exists(), "included", wealthy.included());
    }

    @GetMapping("/wealthy/{threshold}")
    Map<String, Object> wealthyAbove(@ClassificationOf(domain = "Bank", entity = "Account", key = "{accountNumber}",
            parameters = "threshold={threshold}") ClassificationResult<Wealthy> wealthy) {
        return Map.of("included", wealthy.included());
    }

    @PostMapping("/opening")
    AppendResult open(@StreamOf(domain = "Bank", entity = "Account", key = "{accountNumber}") EventStream account) {
        return account.append(new MoneyDeposited(BigDecimal.ONE), AppendOptions.mustBeNew());
    }

    @PostMapping("/deposits/after/{version}")
    AppendResult depositAfter(@RequestBody Deposit body, @org.springframework.web.bind.annotation.PathVariable long version,
            @StreamOf(domain = "Bank", entity = "Account", key = "{accountNumber}") EventStream account) {
        return account.append(new MoneyDeposited(body.amount()), AppendOptions.expectingVersion(version));
    }

    @PostMapping("/top-ups")
    AppendResult topUp(@RequestBody Deposit body,
            @StreamOf(domain = "Bank", entity = "Account", key = "{accountNumber}") EventStream account) {
        return account.append(new MoneyDeposited(body.amount()), AppendOptions.mustExist());
    }

    /** A read that met a deletion and re-creation of the stream (a Table backend raises this; simulated here). */
    @GetMapping("/events-while-recreated")
    List<RecordedEvent> eventsWhileRecreated(
            @StreamOf(domain = "Bank", entity = "Account", key = "{accountNumber}") EventStream account) {
        throw new StreamRecreatedDuringReadException(account.id());
    }

    /** A read that met data a newer library version wrote (a backend raises this; simulated here). */
    @GetMapping("/events-in-newer-format")
    List<RecordedEvent> eventsInNewerFormat(
            @StreamOf(domain = "Bank", entity = "Account", key = "{accountNumber}") EventStream account) {
        throw new UnsupportedStoredFormatException("the table row E-0000000001 of " + account.id(), "3", "2");
    }

    @PostMapping("/bulk/{count}")
    AppendResult bulk(@org.springframework.web.bind.annotation.PathVariable int count,
            @StreamOf(domain = "Bank", entity = "Account", key = "{accountNumber}") EventStream account) {
        return account.append(java.util.Collections.nCopies(count, new MoneyDeposited(BigDecimal.ONE)),
                AppendOptions.DEFAULT);
    }
}
