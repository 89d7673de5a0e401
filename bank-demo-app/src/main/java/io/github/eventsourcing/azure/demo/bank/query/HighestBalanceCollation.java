package io.github.eventsourcing.azure.demo.bank.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventsourcing.azure.demo.bank.account.Money;
import io.github.eventsourcing.azure.projection.ProjectionName;
import io.github.eventsourcing.azure.query.QueryCollation;

import java.math.BigDecimal;

/**
 * Folds the balances returned into the highest: a higher balance wins, and of equal balances the lower account
 * number, so the result does not depend on the order the accounts answered in. No accounts, no result.
 */
@ProjectionName("Highest Balance Collation")
public class HighestBalanceCollation extends QueryCollation<HighestBalance.Result> {

    private String accountNumber;
    private BigDecimal balance;

    @Override
    protected void collate(String target, long version, JsonNode value) {
        BigDecimal amount = Money.cents(value.get("amount").decimalValue());
        int compared = balance == null ? 1 : amount.compareTo(balance);
        if (compared > 0 || compared == 0 && target.compareTo(accountNumber) < 0) {
            accountNumber = target;
            balance = amount;
        }
    }

    @Override
    public HighestBalance.Result result() {
        return accountNumber == null ? null : new HighestBalance.Result(accountNumber, balance);
    }
}
