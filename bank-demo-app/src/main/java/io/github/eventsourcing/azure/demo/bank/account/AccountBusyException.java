package io.github.eventsourcing.azure.demo.bank.account;

/**
 * Other writers kept changing the account between our check and our append, more times than we retry. Nothing was
 * written; the caller may simply try again.
 */
public class AccountBusyException extends RuntimeException {

    public AccountBusyException(String accountNumber, int attempts) {
        super("Account " + accountNumber + " changed " + attempts + " times while this operation was being checked, "
                + "so nothing was done. Please try again.");
    }
}
