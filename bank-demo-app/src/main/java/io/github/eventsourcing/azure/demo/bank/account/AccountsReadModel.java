package io.github.eventsourcing.azure.demo.bank.account;

import io.github.eventsourcing.azure.demo.bank.account.projection.AccountSummary;
import io.github.eventsourcing.azure.readmodel.ReadModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The accounts read model: a row per account with its client's name and its balance, which the library keeps up to
 * date from every write. Listing the accounts, or those below a balance, reads these rows (the balance column's index
 * is one key range per page) instead of folding every account.
 */
@Configuration(proxyBeanMethods = false)
public class AccountsReadModel {

    public static final String NAME = "accounts";
    public static final String BALANCE = "balance";
    public static final String CLIENT_NAME = "clientName";

    /** Raise the version when the columns change: the library builds the new version beside the old one. */
    @Bean
    ReadModel<AccountSummary> accounts() {
        return ReadModel.of(NAME, 1, Bank.ACCOUNTS, AccountSummary.class)
                .decimal(BALANCE, account -> account.getBalance().getAmount())
                .string(CLIENT_NAME, AccountSummary::getClientName);
    }
}
