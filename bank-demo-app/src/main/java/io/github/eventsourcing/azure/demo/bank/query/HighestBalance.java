package io.github.eventsourcing.azure.demo.bank.query;

import io.github.eventsourcing.azure.command.FanOutInstances;
import io.github.eventsourcing.azure.demo.bank.account.Bank;
import io.github.eventsourcing.azure.demo.bank.account.projection.Balance;
import io.github.eventsourcing.azure.query.QueryCollation;
import io.github.eventsourcing.azure.query.QueryHandler;
import io.github.eventsourcing.azure.query.QueryRequest;
import io.github.eventsourcing.azure.query.QueryType;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;

/**
 * The account with the highest balance: the original's example query. Each account's {@link Balance} is requested and
 * recorded with the account's version in the query's stream; {@link HighestBalanceCollation} folds them.
 */
@Component
public class HighestBalance implements QueryHandler<HighestBalance.Parameters, HighestBalance.Result> {

    public static final String NAME = "HighestBalance";
    public static final QueryType TYPE = QueryType.of(Bank.DOMAIN, NAME);

    /** The query takes no parameters. */
    public record Parameters() {
    }

    /** The account with the highest balance; a tie goes to the lowest account number. */
    public record Result(String accountNumber, BigDecimal balance) {
    }

    @Override
    public QueryType type() {
        return TYPE;
    }

    @Override
    public Class<Parameters> parametersType() {
        return Parameters.class;
    }

    @Override
    public Class<Result> resultType() {
        return Result.class;
    }

    @Override
    public FanOutInstances targets() {
        return FanOutInstances.everyInstanceOf(Bank.ACCOUNTS);
    }

    @Override
    public QueryRequest request() {
        return QueryRequest.projection(Balance.class);
    }

    @Override
    public Class<? extends QueryCollation<Result>> collation() {
        return HighestBalanceCollation.class;
    }
}
