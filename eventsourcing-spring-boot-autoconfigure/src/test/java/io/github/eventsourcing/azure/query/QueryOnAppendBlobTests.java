package io.github.eventsourcing.azure.query;

import io.github.eventsourcing.azure.autoconfigure.AppendBlobEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.DisplayName;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.UUID;

/** The query scenarios with the accounts and the queries in AppendBlob storage (on Azurite, through the Azure SDK). */
@DisplayName("A query in AppendBlob storage")
class QueryOnAppendBlobTests extends QueryScenarioTests {

    private final ApplicationContextRunner onBlobs = LEDGER
            .withConfiguration(AutoConfigurations.of(AppendBlobEventStoreAutoConfiguration.class))
            .withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=append-blob",
                    "eventsourcing.connections.default.connection-string=" + Azurite.get().connectionString(),
                    "eventsourcing.append-blob.container-prefix=q" + UUID.randomUUID().toString().replace("-", "")
                            .substring(0, 10));

    @Override
    ApplicationContextRunner ledger() {
        return onBlobs;
    }
}
