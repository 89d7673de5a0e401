package io.github.eventsourcing.azure.demo.bank.account;

import io.github.eventsourcing.azure.demo.bank.account.projection.Balance;
import io.github.eventsourcing.azure.projection.ProjectionOptions;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.readmodel.ReadModelRow;
import io.github.eventsourcing.azure.readmodel.ReadModels;
import io.github.eventsourcing.azure.readmodel.RowFilter;
import io.github.eventsourcing.azure.readmodel.RowPage;
import io.github.eventsourcing.azure.stream.StreamId;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Questions about many accounts, answered from the {@link AccountsReadModel accounts read model}, or about one account
 * in the past.
 */
@Service
public class AccountQueries {

    /** The most rows one read of the read model returns. */
    private static final int ROWS_PER_READ = 1000;

    private final ReadModels readModels;
    private final ReadYourWrites readYourWrites;
    private final Projections projections;

    AccountQueries(ReadModels readModels, ObjectProvider<MeterRegistry> meters, Projections projections) {
        this.readModels = readModels;
        this.readYourWrites = new ReadYourWrites(meters);
        this.projections = projections;
    }

    /** Every account, sorted by number; with a threshold, only those whose balance is below it. */
    public List<Listing> list(BigDecimal balanceBelow) {
        List<Listing> listings = new ArrayList<>();
        ListingPage page = page(balanceBelow, ROWS_PER_READ, null);
        listings.addAll(page.listings());
        while (page.continuation() != null) {
            page = read(balanceBelow, ROWS_PER_READ, page.continuation());
            listings.addAll(page.listings());
        }
        listings.sort(Comparator.comparing(Listing::accountNumber));
        return listings;
    }

    /**
     * One page of the accounts: by number, or with a threshold those whose balance is below it, lowest balance first
     * (then by number). Writes this instance acknowledged before the first page are in it.
     *
     * @param continuation null for the first page, else the previous page's
     * @throws IllegalArgumentException for a continuation that is not the previous page's of the same question
     */
    public ListingPage page(BigDecimal balanceBelow, int pageSize, String continuation) {
        if (continuation == null) {
            readYourWrites.awaitChangesBefore(Instant.now());
        }
        return read(balanceBelow, pageSize, continuation);
    }

    private ListingPage read(BigDecimal balanceBelow, int pageSize, String continuation) {
        RowFilter filter = balanceBelow == null ? RowFilter.all()
                : RowFilter.below(AccountsReadModel.BALANCE, balanceBelow);
        RowPage rows = readModels.query(AccountsReadModel.NAME, filter, pageSize, continuation);
        return new ListingPage(rows.rows().stream().map(AccountQueries::listing).toList(), rows.continuation());
    }

    private static Listing listing(ReadModelRow row) {
        return new Listing(row.key(), row.string(AccountsReadModel.CLIENT_NAME),
                row.decimal(AccountsReadModel.BALANCE), row.sequence());
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

    /** Some lines of the account list, and the token of the next page (null on the last). */
    public record ListingPage(List<Listing> listings, String continuation) {
    }
}
