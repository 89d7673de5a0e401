package io.github.eventsourcing.azure.demo.bank.web;

import java.math.BigDecimal;

/** Checks request fields and says what is wrong in words a user understands. */
final class Check {

    /** Larger amounts are surely typing mistakes; the limit also keeps exponent notation (1e999) out. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000.00");
    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_COMMENT_LENGTH = 1024;

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

    /** An amount of money, possibly negative, with at most 2 decimals; returned with exactly 2. */
    static BigDecimal amount(String field, BigDecimal value) {
        if (value == null) {
            throw new InvalidRequestException("The " + field + " is required.");
        }
        if (value.abs().compareTo(MAX_AMOUNT) > 0) {
            throw new InvalidRequestException("The " + field + " must not exceed " + MAX_AMOUNT.toPlainString() + ".");
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw new InvalidRequestException("The " + field + " may have at most 2 decimals (cents), but was "
                    + value.toPlainString() + ".");
        }
        return value.setScale(2);
    }

    /** A daily interest rate: a fraction from 0 to 1. */
    static BigDecimal rate(String field, BigDecimal value) {
        if (value == null) {
            throw new InvalidRequestException("The " + field + " is required.");
        }
        if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
            throw new InvalidRequestException("The " + field + " is a daily fraction from 0 to 1 (e.g. 0.0005), but was "
                    + value.toPlainString() + ".");
        }
        return value;
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
