package io.github.eventsourcing.azure.demo.bank.account.event;

import io.github.eventsourcing.azure.stream.EventName;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One day's interest was worked out and set aside, not yet paid. A positive amount is owed to the client, a negative
 * one is owed by the client (interest on an overdrawn balance).
 *
 * @param amount    the interest, kept to 6 decimals so that small daily amounts add up without rounding drift
 * @param rate      the daily rate applied (the credit or the debit rate, depending on the balance's sign)
 * @param accruedOn the business day (UTC) it was accrued for: interest accrues at most once per day
 */
@EventName("Interest Accrued")
public record InterestAccrued(BigDecimal amount, BigDecimal rate, LocalDate accruedOn) {
}
