package io.github.eventsourcing.azure.starter;

import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.starter.AccountEvents.MoneyDeposited;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.web.ProjectionOf;
import io.github.eventsourcing.azure.web.StreamOf;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;

@RestController
class AccountController {

    record Deposit(BigDecimal amount) {
    }

    record Balance(String account, BigDecimal balance, long version) {
    }

    @PostMapping("/accounts/{accountNumber}/deposits")
    ResponseEntity<?> deposit(@RequestBody Deposit body,
            @StreamOf(domain = "Bank", entity = "Account", key = "{accountNumber}") EventStream account) {
        AppendResult result = account.append(new MoneyDeposited(body.amount()));
        return ResponseEntity.status(result.streamCreated() ? 201 : 200).body(result);
    }

    @GetMapping("/accounts/{accountNumber}/balance")
    ResponseEntity<Balance> balance(@ProjectionOf(domain = "Bank", entity = "Account", key = "{accountNumber}")
            ProjectionResult<BalanceProjection> balance) {
        if (!balance.exists()) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok(new Balance(balance.streamId().instanceKey(), balance.state().balance,
                balance.asOfSequence()));
    }
}
