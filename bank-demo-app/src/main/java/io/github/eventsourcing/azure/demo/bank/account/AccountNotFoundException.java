package io.github.eventsourcing.azure.demo.bank.account;

/** The account does not exist (never opened, or closed). */
public class AccountNotFoundException extends RuntimeException {

    private final String accountNumber;

    public AccountNotFoundException(String accountNumber) {
        super("Account " + accountNumber + " does not exist.");
        this.accountNumber = accountNumber;
    }

    public String accountNumber() {
        return accountNumber;
    }
}
