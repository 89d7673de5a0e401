package io.github.eventsourcing.azure.demo.bank.account;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The bank's arithmetic conventions in one place. Amounts of money are exact decimals with 2 places; accrued interest
 * keeps 6 places so that small daily amounts add up without drift, and is rounded half-even (banker's rounding,
 * which does not bias sums up) only when it is paid.
 */
public final class Money {

    public static final int CENTS = 2;
    public static final int INTEREST_SCALE = 6;
    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(CENTS);

    private Money() {
    }

    /** The same amount written with exactly 2 decimals; it must not have more. */
    public static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(CENTS, RoundingMode.UNNECESSARY);
    }

    /** Interest on a balance at a daily rate, to 6 decimals. */
    public static BigDecimal interest(BigDecimal balance, BigDecimal dailyRate) {
        return balance.multiply(dailyRate).setScale(INTEREST_SCALE, RoundingMode.HALF_EVEN);
    }

    /** Accrued interest as an amount that can be paid: rounded half-even to cents. */
    public static BigDecimal payable(BigDecimal interest) {
        return interest.setScale(CENTS, RoundingMode.HALF_EVEN);
    }
}
