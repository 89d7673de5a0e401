package io.github.eventsourcing.azure.demo.bank.account;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Daily interest rates as fractions (0.0005 = 0.05% a day).
 *
 * @param credit the rate the bank pays on a positive balance
 * @param debit  the rate the bank charges on a negative balance
 */
public record InterestRates(BigDecimal credit, BigDecimal debit) {

    public InterestRates {
        Objects.requireNonNull(credit, "credit");
        Objects.requireNonNull(debit, "debit");
    }

    /** The rate for a balance: credit on a positive (or zero) balance, debit on an overdrawn one. */
    public BigDecimal rateFor(BigDecimal balance) {
        return balance.signum() < 0 ? debit : credit;
    }
}
