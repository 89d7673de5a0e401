package io.github.eventsourcing.azure.readmodel;

import io.github.eventsourcing.azure.readmodel.Accounts.Balance;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The read model of the accounts' balances, declared apart so that a test can write accounts before it exists. */
@Configuration(proxyBeanMethods = false)
public class Balances {

    @Bean
    ReadModel<Balance> balancesReadModel() {
        return ReadModel.of("balances", 1, Accounts.ACCOUNT, Balance.class)
                .decimal("balance", Balance::balance)
                .string("owner", Balance::owner)
                .longValue("moves", Balance::moves)
                .bool("overdrawn", Balance::overdrawn)
                .instant("lastMoveAt", Balance::lastMoveAt);
    }
}
