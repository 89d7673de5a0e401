package io.github.eventsourcing.azure.demo.bank.account;

/** The operation would take the balance below the overdraft limit; nothing was written. */
public class InsufficientFundsException extends RuntimeException {

    public InsufficientFundsException(String message) {
        super(message);
    }
}
