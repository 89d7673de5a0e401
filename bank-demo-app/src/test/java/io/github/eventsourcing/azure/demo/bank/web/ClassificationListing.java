package io.github.eventsourcing.azure.demo.bank.web;

import io.github.eventsourcing.azure.demo.bank.account.AccountQueries.Listing;
import io.github.eventsourcing.azure.demo.bank.account.Bank;
import io.github.eventsourcing.azure.demo.bank.account.projection.AccountSummary;
import io.github.eventsourcing.azure.demo.bank.account.projection.BalanceBelowThreshold;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.stream.EventStreams;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The account list as the demo answered it before the accounts read model: every account's stream, or those the
 * Balance Below Threshold classification includes, each folded. The reference the read model's answers must equal.
 */
final class ClassificationListing {

    private final EventStreams streams;
    private final Projections projections;

    ClassificationListing(EventStreams streams, Projections projections) {
        this.streams = streams;
        this.projections = projections;
    }

    /** Every account, sorted by number; with a threshold, only those the classification includes. */
    List<Listing> list(BigDecimal balanceBelow) {
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
        listings.sort(Comparator.comparing(Listing::accountNumber));
        return listings;
    }
}
