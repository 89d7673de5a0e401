package io.github.eventsourcing.azure.query;

import io.github.eventsourcing.azure.autoconfigure.TableEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.DisplayName;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.UUID;

/** The query scenarios with the accounts and the queries in Table storage (on Azurite, through the Azure SDK). */
@DisplayName("A query in Table storage")
class QueryOnTableStorageTests extends QueryScenarioTests {

    private final ApplicationContextRunner onTables = LEDGER
            .withConfiguration(AutoConfigurations.of(TableEventStoreAutoConfiguration.class))
            .withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=table",
                    "eventsourcing.connections.default.connection-string=" + Azurite.get().connectionString(),
                    "eventsourcing.table.table-name-prefix=q" + UUID.randomUUID().toString().replace("-", "")
                            .substring(0, 10));

    @Override
    ApplicationContextRunner ledger() {
        return onTables;
    }
}
