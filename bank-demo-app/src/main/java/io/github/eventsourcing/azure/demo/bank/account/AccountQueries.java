package io.github.eventsourcing.azure.demo.bank.account;

import io.github.eventsourcing.azure.demo.bank.account.projection.AccountSummary;
import io.github.eventsourcing.azure.demo.bank.account.projection.Balance;
import io.github.eventsourcing.azure.demo.bank.account.projection.BalanceBelowThreshold;
import io.github.eventsourcing.azure.projection.ProjectionOptions;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Questions about many accounts, or about one account in the past. */
@Service
public class AccountQueries {

    private final EventStreams streams;
    private final Projections projections;

    public AccountQueries(EventStreams streams, Projections projections) {
        this.streams = streams;
        this.projections = projections;
    }

    /** Every account, sorted by number; with a threshold, only those the Balance Below Threshold classification includes. */
    public List<Listing> list(BigDecimal balanceBelow) {
        List<String> accountNumbers = balanceBelow == null
                ? streams.instanceKeys(Bank.DOMAIN, Bank.ACCOUNT)
                : projections.instanceKeysIncludedBy(Bank.ACCOUNTS, BalanceBelowThreshold.class,
                Map.of(BalanceBelowThreshold.THRESHOLD, balanceBelow));
        List<Listing> listings = new ArrayList<>();
        for (String accountNumber : accountNumbers) {
            ProjectionResult<AccountSummary> summary = projections.project(Bank.account(accountNumber),
                    AccountSummary.class);
            if (summary.exists()) { // else closed since it was listed
                listings.add(new Listing(accountNumber, summary.state().getClientName(),
                        summary.state().getBalance().getAmount(), summary.asOfSequence()));
            }
        }
        return listings;
    }

    /**
     * The balance counting only the events written at or before {@code asOf}: zero at sequence 0 when the account was
     * opened later.
     */
    public ProjectionResult<Balance> balanceAsOf(String accountNumber, Instant asOf) {
        return projections.project(Bank.account(accountNumber), Balance.class, ProjectionOptions.asOf(asOf));
    }

    /** The balance right after the event at {@code sequence}: what a write answered when it had just written it. */
    public BigDecimal balanceAfter(StreamId account, long sequence) {
        return projections.project(account, Balance.class, ProjectionOptions.asOf(sequence)).state().getAmount();
    }

    /** One line of the account list. */
    public record Listing(String accountNumber, String clientName, BigDecimal balance, long sequenceNumber) {
    }
}
