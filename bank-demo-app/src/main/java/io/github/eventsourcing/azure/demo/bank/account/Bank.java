package io.github.eventsourcing.azure.demo.bank.account;

import io.github.eventsourcing.azure.stream.StreamId;

/** Where the bank's accounts live in the event store: one stream per account, keyed by its account number. */
public final class Bank {

    /** The domain; a compile-time constant so the web binding annotations can use it. */
    public static final String DOMAIN = "Bank";
    /** The entity type; a compile-time constant so the web binding annotations can use it. */
    public static final String ACCOUNT = "Account";

    public static final StreamId.StreamType ACCOUNTS = new StreamId.StreamType(DOMAIN, ACCOUNT);

    private Bank() {
    }

    public static StreamId account(String accountNumber) {
        return ACCOUNTS.instance(accountNumber);
    }
}
