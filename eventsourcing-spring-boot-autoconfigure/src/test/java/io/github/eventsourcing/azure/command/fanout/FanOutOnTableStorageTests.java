package io.github.eventsourcing.azure.command.fanout;

import io.github.eventsourcing.azure.autoconfigure.TableEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.DisplayName;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.UUID;

/** The fan-out scenarios with the accounts and the commands in Table storage (on Azurite, through the Azure SDK). */
@DisplayName("A fan-out step in Table storage")
class FanOutOnTableStorageTests extends FanOutScenarioTests {

    private final ApplicationContextRunner onTables = SAVINGS
            .withConfiguration(AutoConfigurations.of(TableEventStoreAutoConfiguration.class))
            .withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=table",
                    "eventsourcing.connections.default.connection-string=" + Azurite.get().connectionString(),
                    "eventsourcing.table.table-name-prefix=f" + UUID.randomUUID().toString().replace("-", "")
                            .substring(0, 10));

    @Override
    ApplicationContextRunner savings() {
        return onTables;
    }
}
