package io.github.eventsourcing.azure.readmodel;

import io.github.eventsourcing.azure.autoconfigure.AppendBlobEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.InMemoryEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.ReadModelAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.TableEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.notification.NotificationAutoConfiguration;
import io.github.eventsourcing.azure.readmodel.Accounts.Balance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.github.eventsourcing.azure.autoconfigure.EventSourcingConfigurationFailureAnalyzerTests.failure;
import static org.assertj.core.api.Assertions.assertThat;

/** A read model that cannot be kept fails the start with a message that says what to change. */
@DisplayName("A read model that cannot be kept fails the start")
class ReadModelConfigurationFailureTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class,
                    InMemoryEventStoreAutoConfiguration.class, TableEventStoreAutoConfiguration.class,
                    AppendBlobEventStoreAutoConfiguration.class, NotificationAutoConfiguration.class,
                    ReadModelAutoConfiguration.class))
            .withUserConfiguration(Accounts.class, Balances.class);

    @Test
    @DisplayName("when its streams are in AppendBlob and no connection is set for its rows")
    void appendBlobWithoutConnection() {
        FailureAnalysis analysis = failure(runner, "eventsourcing.streams.[ALL.ALL].backend=append-blob",
                "eventsourcing.connections.default.connection-string=UseDevelopmentStorage=true");

        assertThat(analysis.getDescription()).isEqualTo("Read model balances reads Bank.Account, stored by the "
                + "append-blob backend, which keeps no read model rows, and eventsourcing.read-models.connection is "
                + "not set.");
        assertThat(analysis.getAction()).startsWith("Set eventsourcing.read-models.connection to the name of a "
                + "connection (eventsourcing.connections.<name>) with a Table endpoint");
    }

    @Test
    @DisplayName("when the connection set for its rows does not exist")
    void unknownConnection() {
        FailureAnalysis analysis = failure(runner, "eventsourcing.streams.[ALL.ALL].backend=append-blob",
                "eventsourcing.connections.default.connection-string=UseDevelopmentStorage=true",
                "eventsourcing.read-models.connection=rows");

        assertThat(analysis.getDescription()).endsWith("and eventsourcing.read-models.connection names connection "
                + "rows, which eventsourcing.connections does not have.");
    }

    @Test
    @DisplayName("when no storage rule stores its domain/entity")
    void uncoveredSource() {
        FailureAnalysis analysis = failure(runner, "eventsourcing.streams.[Shop.ALL].backend=in-memory");

        assertThat(analysis.getDescription()).isEqualTo("Read model balances reads Bank.Account, which no "
                + "rule of eventsourcing.streams stores.");
        assertThat(analysis.getAction()).startsWith("Add a rule for Bank.Account to eventsourcing.streams");
    }

    @Configuration(proxyBeanMethods = false)
    static class SecondBalances {
        @Bean
        ReadModel<Balance> otherBalances() {
            return ReadModel.of("balances", 2, Accounts.ACCOUNT, Balance.class);
        }
    }

    @Test
    @DisplayName("when two read models have one name")
    void duplicateName() {
        FailureAnalysis analysis = failure(runner.withUserConfiguration(SecondBalances.class),
                "eventsourcing.streams.[ALL.ALL].backend=in-memory");

        assertThat(analysis.getDescription()).startsWith("Two read models are named balances");
    }
}
