package io.github.eventsourcing.azure.demo.bank.account;

/**
 * Other writers kept changing the account while an operation tried to write, more often than it retries. Nothing was
 * written; the caller may simply try again.
 */
public class AccountBusyException extends RuntimeException {

    public AccountBusyException(String accountNumber) {
        super("Account " + accountNumber + " is changing too quickly right now, so nothing was done. "
                + "Please try again.");
    }
}
