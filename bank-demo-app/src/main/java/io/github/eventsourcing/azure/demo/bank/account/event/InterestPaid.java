package io.github.eventsourcing.azure.demo.bank.account.event;

import io.github.eventsourcing.azure.stream.EventName;

import java.math.BigDecimal;

/**
 * Accrued interest was settled into the balance: a positive amount was credited, a negative one charged. The amount
 * is the interest due rounded to cents; the sub-cent remainder stays due.
 */
@EventName("Interest Paid")
public record InterestPaid(BigDecimal amount) {
}
