package io.github.eventsourcing.azure.demo.bank.query;

import io.github.eventsourcing.azure.query.Queries;
import io.github.eventsourcing.azure.query.QueryInstance;
import io.github.eventsourcing.azure.query.QueryState;
import io.github.eventsourcing.azure.query.QueryStatus;
import io.github.eventsourcing.azure.stream.WriteContext;
import org.springframework.stereotype.Service;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Highest-balance queries as the API shows them. */
@Service
public class HighestBalanceQueries {

    private final Queries queries;

    public HighestBalanceQueries(Queries queries) {
        this.queries = queries;
    }

    /** Starts a new query; it runs in the background. */
    public String start(WriteContext context) {
        String id = UUID.randomUUID().toString();
        queries.start(HighestBalance.TYPE, id, new HighestBalance.Parameters(), context);
        return id;
    }

    /** The query as the API shows it, when there is one with this id. */
    public Optional<QueryView> view(QueryInstance query) {
        return query.read().map(state -> view(query.id(), state));
    }

    private static QueryView view(String id, QueryState state) {
        HighestBalance.Result result = state.status() == QueryStatus.COMPLETED
                ? state.result(HighestBalance.Result.class) : null;
        return new QueryView(id, state.status().name().toLowerCase(Locale.ROOT), result);
    }

    /**
     * One query.
     *
     * @param status {@code running} or {@code completed} ({@code failed} only when an account's balance could not be
     *               read in any pass: then there is no trustworthy answer)
     * @param result the account with the highest balance, once completed; null while running and when there are no
     *               accounts
     */
    public record QueryView(String id, String status, HighestBalance.Result result) {
    }
}
