package io.github.eventsourcing.azure.demo.bank.web;

import io.github.eventsourcing.azure.demo.bank.account.Bank;
import io.github.eventsourcing.azure.demo.bank.query.HighestBalance;
import io.github.eventsourcing.azure.demo.bank.query.HighestBalanceQueries;
import io.github.eventsourcing.azure.demo.bank.query.QueryNotFoundException;
import io.github.eventsourcing.azure.query.QueryInstance;
import io.github.eventsourcing.azure.web.QueryOf;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** Queries over every account: started on demand, read by id. */
@RestController
public class QueryController {

    private final HighestBalanceQueries highestBalance;

    public QueryController(HighestBalanceQueries highestBalance) {
        this.highestBalance = highestBalance;
    }

    /** Starts a query for the account with the highest balance; it runs in the background. */
    @PostMapping(path = "/api/queries/highest-balance", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<QueryStarted> highestBalance(HttpServletRequest request) {
        String id = highestBalance.start(RequestWriteContext.of(request, null, "highest-balance request"));
        return ResponseEntity.accepted().location(URI.create("/api/queries/" + id)).body(new QueryStarted(id));
    }

    @GetMapping(path = "/api/queries/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public HighestBalanceQueries.QueryView query(@QueryOf(domain = Bank.DOMAIN, type = HighestBalance.NAME,
            id = "{id}") QueryInstance query) {
        return highestBalance.view(query).orElseThrow(() -> new QueryNotFoundException(query.id()));
    }

    public record QueryStarted(String id) {
    }
}
