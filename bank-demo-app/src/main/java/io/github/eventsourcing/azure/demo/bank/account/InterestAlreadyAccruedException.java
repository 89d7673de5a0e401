package io.github.eventsourcing.azure.demo.bank.account;

import java.time.LocalDate;

/** Interest was already accrued for this account today; accruing it twice would pay the day's interest twice. */
public class InterestAlreadyAccruedException extends RuntimeException {

    public InterestAlreadyAccruedException(String accountNumber, LocalDate day) {
        super("Interest on account " + accountNumber + " has already been accrued for " + day + ".");
    }
}
