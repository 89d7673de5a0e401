package io.github.eventsourcing.azure.demo.bank.interest;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The parameters of one interest run: the business day it accrues for (fixed when it starts, so a run resumed after
 * midnight still accrues its own day) and the daily rates it applies.
 */
public record InterestRun(LocalDate day, BigDecimal creditRate, BigDecimal debitRate) {
}
