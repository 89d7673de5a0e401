package io.github.eventsourcing.azure.demo.bank.account;

/** An account with this number is already open. */
public class AccountAlreadyExistsException extends RuntimeException {

    public AccountAlreadyExistsException(String accountNumber) {
        super("Account " + accountNumber + " already exists.");
    }
}
