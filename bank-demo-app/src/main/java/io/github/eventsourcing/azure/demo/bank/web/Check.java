package io.github.eventsourcing.azure.demo.bank.web;

import io.github.eventsourcing.azure.demo.bank.account.Money;

import java.math.BigDecimal;

/**
 * Checks request fields and says what is wrong in words a user understands. A number is checked for size before
 * anything formats, rounds or echoes it: {@code 1e-999999999} is a few bytes, but a billion digits written out.
 */
final class Check {

    /** Larger amounts are surely typing mistakes. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000.00");
    /** A daily rate finer than this is no rate a bank quotes (0.00000001 = 0.000001% a day). */
    static final int MAX_RATE_DECIMALS = 8;
    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_COMMENT_LENGTH = 1024;

    /** Numbers and values echoed in a message are short, or left out. */
    private static final int MAX_ECHOED_DIGITS = 20;
    private static final int MAX_ECHOED_LENGTH = 40;

    private Check() {
    }

    /** An amount of money greater than zero, with at most 2 decimals; returned with exactly 2. */
    static BigDecimal positiveAmount(String field, BigDecimal value) {
        BigDecimal amount = amount(field, value);
        if (amount.signum() <= 0) {
            throw new InvalidRequestException("The " + field + " must be greater than zero.");
        }
        return amount;
    }

    /** An amount of money of zero or more, with at most 2 decimals; returned with exactly 2. */
    static BigDecimal nonNegativeAmount(String field, BigDecimal value) {
        BigDecimal amount = amount(field, value);
        if (amount.signum() < 0) {
            throw new InvalidRequestException("The " + field + " must not be negative.");
        }
        return amount;
    }

    /** An amount of money, possibly negative, at most {@link #MAX_AMOUNT} either way, with at most 2 decimals. */
    static BigDecimal amount(String field, BigDecimal value) {
        required(field, value);
        // compareTo looks at the exponents first, so it is cheap however far apart they are.
        if (value.abs().compareTo(MAX_AMOUNT) > 0) {
            throw new InvalidRequestException("The " + field + " must not exceed " + MAX_AMOUNT.toPlainString()
                    + " either way.");
        }
        if (decimals(value) > Money.CENTS) {
            throw new InvalidRequestException("The " + field + " may have at most 2 decimals (cents)" + echo(value)
                    + ".");
        }
        return Money.cents(value);
    }

    /** A daily interest rate: a fraction from 0 to 1 with at most {@link #MAX_RATE_DECIMALS} decimals. */
    static BigDecimal rate(String field, BigDecimal value) {
        required(field, value);
        if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0 || decimals(value) > MAX_RATE_DECIMALS) {
            throw new InvalidRequestException("The " + field + " is a daily fraction from 0 to 1 with at most "
                    + MAX_RATE_DECIMALS + " decimals (e.g. 0.0005)" + echo(value) + ".");
        }
        return value;
    }

    /** A value as a message may quote it: cut short, so that a long input never makes a long answer. */
    static String quoted(Object value) {
        String text = String.valueOf(value);
        return "'" + (text.length() <= MAX_ECHOED_LENGTH ? text : text.substring(0, MAX_ECHOED_LENGTH) + "...")
                + "'";
    }

    private static void required(String field, BigDecimal value) {
        if (value == null) {
            throw new InvalidRequestException("The " + field + " is required.");
        }
    }

    /** The decimals that matter (12.50 has 1); stripping zeros costs at most the digits the input really has. */
    private static int decimals(BigDecimal value) {
        return value.signum() == 0 ? 0 : value.stripTrailingZeros().scale();
    }

    /** ", but was 1.001" when the number is short written out, else nothing. */
    private static String echo(BigDecimal value) {
        boolean fits = value.precision() <= MAX_ECHOED_DIGITS && Math.abs(value.scale()) <= MAX_ECHOED_DIGITS;
        return fits ? ", but was " + value.toPlainString() : "";
    }

    /** Text a user must give: not blank, trimmed, at most {@code maxLength} characters. */
    static String requiredText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException("The " + field + " is required.");
        }
        return optionalText(field, value, maxLength);
    }

    /** Text a user may give: null when blank, else trimmed, at most {@code maxLength} characters. */
    static String optionalText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > maxLength) {
            throw new InvalidRequestException("The " + field + " may be at most " + maxLength + " characters long.");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("The " + field + " must not contain control characters.");
        }
        return text;
    }
}
