package io.github.eventsourcing.azure.demo.bank.web;

import io.github.eventsourcing.azure.command.CancelOutcome;
import io.github.eventsourcing.azure.command.CommandExecution;
import io.github.eventsourcing.azure.command.CommandInstance;
import io.github.eventsourcing.azure.command.Commands;
import io.github.eventsourcing.azure.demo.bank.account.AccountNotFoundException;
import io.github.eventsourcing.azure.demo.bank.account.Bank;
import io.github.eventsourcing.azure.demo.bank.transfer.Transfer;
import io.github.eventsourcing.azure.demo.bank.transfer.TransferFinishedException;
import io.github.eventsourcing.azure.demo.bank.transfer.TransferIds;
import io.github.eventsourcing.azure.demo.bank.transfer.TransferMoney;
import io.github.eventsourcing.azure.demo.bank.transfer.TransferNotFoundException;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.web.CommandOf;
import io.github.eventsourcing.azure.web.IdempotentRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Money transfers between accounts, each a {@link TransferMoney} command that runs in the background: a start is
 * answered with 202 and the transfer's address, where its status and steps can be followed.
 */
@RestController
@RequestMapping(path = "/api/transfers", produces = MediaType.APPLICATION_JSON_VALUE)
public class TransferController {

    private static final int MAX_LISTED = 50;

    private final Commands commands;
    private final EventStreams streams;

    public TransferController(Commands commands, EventStreams streams) {
        this.commands = commands;
        this.streams = streams;
    }

    @PostMapping
    public ResponseEntity<Started> start(@RequestBody TransferRequest body, IdempotentRequest idempotency,
                                         HttpServletRequest request) {
        String from = Check.requiredText("source account (from)", body.from(), Check.MAX_NAME_LENGTH);
        String to = Check.requiredText("target account (to)", body.to(), Check.MAX_NAME_LENGTH);
        BigDecimal amount = Check.positiveAmount("amount", body.amount());
        String commentary = Check.optionalText("commentary", body.commentary(), Check.MAX_COMMENT_LENGTH);
        if (from.equals(to)) {
            throw new InvalidRequestException("The source and target accounts must differ.");
        }
        for (String account : List.of(from, to)) {
            if (!streams.stream(Bank.account(account)).exists()) {
                throw new AccountNotFoundException(account);
            }
        }
        // The library parsed and checked the header (a 400 problem otherwise) and names the key in its scope (the
        // sender, method and route): the same transfer again is a no-op, with another body a conflict.
        String id = idempotency.scopedName().map(TransferIds::fromScopedKey).orElseGet(TransferIds::random);
        CommandInstance transfer = commands.start(TransferMoney.TYPE, id, new Transfer(from, to, amount, commentary),
                RequestWriteContext.of(request, commentary));
        String status = statusOf(transfer.execution().state());
        return ResponseEntity.accepted().location(URI.create("/api/transfers/" + id)).body(new Started(id, status));
    }

    @GetMapping("/{id}")
    public TransferView get(@CommandOf(domain = Bank.DOMAIN, type = TransferMoney.NAME, id = "{id}")
                            CommandInstance transfer) {
        ProjectionResult<CommandExecution> execution = transfer.execution();
        if (!execution.exists()) {
            throw new TransferNotFoundException(transfer.id());
        }
        return view(transfer.id(), execution.state(), transfer.parameters(Transfer.class));
    }

    /**
     * The latest transfers, newest first: {@code limit} of them (1 to {@value #MAX_LISTED}). The library's list of
     * recent commands gives their ids in at most 4 storage round trips, then each transfer's stream is read (its
     * execution state and its parameters): the cost depends on the limit, never on the number of transfers ever made.
     */
    @GetMapping
    public List<TransferView> list(@RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > MAX_LISTED) {
            throw new InvalidRequestException("'limit' must be 1 to " + MAX_LISTED + ", not " + limit + ".");
        }
        return commands.recentCommandIds(TransferMoney.TYPE, limit).stream()
                .map(id -> commands.instance(TransferMoney.TYPE, id))
                .flatMap(transfer -> {
                    ProjectionResult<CommandExecution> execution = transfer.execution();
                    // Listed by a start that failed before it recorded the transfer: there is nothing to show.
                    return execution.exists() ? Stream.of(view(transfer.id(), execution.state(),
                            transfer.parameters(Transfer.class))) : Stream.empty();
                })
                .toList();
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Started> cancel(@CommandOf(domain = Bank.DOMAIN, type = TransferMoney.NAME, id = "{id}")
                                          CommandInstance transfer, HttpServletRequest request) {
        CancelOutcome outcome = transfer.cancel(RequestWriteContext.of(request, null));
        return switch (outcome) {
            case NOT_FOUND -> throw new TransferNotFoundException(transfer.id());
            case ALREADY_ENDED -> throw new TransferFinishedException(transfer.id(),
                    statusOf(transfer.execution().state()));
            case REQUESTED -> ResponseEntity.accepted().location(URI.create("/api/transfers/" + transfer.id()))
                    .body(new Started(transfer.id(), statusOf(transfer.execution().state())));
        };
    }

    private static TransferView view(String id, CommandExecution execution, Transfer transfer) {
        List<StepView> steps = execution.getSteps().stream()
                .map(step -> new StepView(step.name(), lower(step.status()), step.at())).toList();
        String status = statusOf(execution);
        boolean withReason = status.equals("failed") || status.equals("compensated");
        return new TransferView(id, transfer.from(), transfer.to(), transfer.amount(), status,
                withReason ? execution.getReason() : null, steps);
    }

    private static String statusOf(CommandExecution execution) {
        return lower(execution.getStatus());
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    public record TransferRequest(String from, String to, BigDecimal amount, String commentary) {
    }

    public record Started(String id, String status) {
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record TransferView(String id, String from, String to, BigDecimal amount, String status, String reason,
                               List<StepView> steps) {
    }

    public record StepView(String name, String status, Instant at) {
    }
}
