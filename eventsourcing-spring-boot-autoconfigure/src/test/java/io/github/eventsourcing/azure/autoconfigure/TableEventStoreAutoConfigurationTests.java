package io.github.eventsourcing.azure.autoconfigure;

import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import io.github.eventsourcing.azure.autoconfigure.TableEventStoreAutoConfiguration.TableEventStoreFactory;
import io.github.eventsourcing.azure.autoconfigure.scanned.ScannedApplication.ParcelShipped;
import io.github.eventsourcing.azure.autoconfigure.scanned.ScannedApplication;
import io.github.eventsourcing.azure.memory.internal.InMemoryEventStore;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreFactory;
import io.github.eventsourcing.azure.spi.StorageConnection;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.table.internal.TableEventStore;
import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("TableEventStoreAutoConfiguration")
class TableEventStoreAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class,
                    InMemoryEventStoreAutoConfiguration.class, TableEventStoreAutoConfiguration.class))
            .withUserConfiguration(ScannedApplication.class)
            .withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=table");

    @Test
    @DisplayName("stores streams in the Table storage of the connection the rule names")
    void storesInTableStorage() {
        String prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        runner.withPropertyValues("eventsourcing.connections.default.connection-string=" + Azurite.get().connectionString(),
                "eventsourcing.table.table-name-prefix=" + prefix).run(context -> {
            StreamId parcel = StreamId.of("Shipping", "Parcel", "P-1");
            context.getBean(EventStreams.class).stream(parcel).append(new ParcelShipped("P-1", null, null));

            EventStore store = context.getBean(ConfiguredEventStoreRouter.class).storeFor(parcel.type());
            assertThat(store).isInstanceOf(TableEventStore.class);
            String table = ((TableEventStore) store).tableNameFor(parcel.type());
            assertThat(table).startsWith(prefix);
            TableServiceClient tables = new TableServiceClientBuilder()
                    .connectionString(Azurite.get().connectionString()).buildClient();
            assertThat(tables.getTableClient(table).listEntities()).isNotEmpty();
            assertThat(context.getBean(EventStreams.class).stream(parcel).read()).hasSize(1);
        });
    }

    @Test
    @DisplayName("is left out when the Azure Tables SDK is not on the classpath, and a table rule says why")
    void absentWithoutSdk() {
        runner.withClassLoader(new FilteredClassLoader(TableServiceClient.class))
                .withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=in-memory")
                .run(context -> assertThat(context).doesNotHaveBean(TableEventStoreFactory.class)
                        .hasSingleBean(EventStreams.class));
        FailureAnalysis analysis = EventSourcingConfigurationFailureAnalyzerTests.failure(
                runner.withClassLoader(new FilteredClassLoader(TableServiceClient.class)),
                "eventsourcing.connections.default.connection-string=UseDevelopmentStorage=true");
        assertThat(analysis.getDescription()).contains("com.azure:azure-data-tables is not on the classpath");
    }

    @Test
    @DisplayName("gives way to the application's own factory for the table backend")
    void applicationFactoryReplacesIt() {
        InMemoryEventStore ownStore = new InMemoryEventStore();
        EventStoreFactory own = new EventStoreFactory() {
            @Override
            public String backend() {
                return "table";
            }

            @Override
            public EventStore create(StorageConnection connection) {
                return ownStore;
            }
        };
        runner.withBean("ownTableFactory", EventStoreFactory.class, () -> own)
                .withPropertyValues("eventsourcing.connections.default.account-name=unused")
                .run(context -> assertThat(context.getBean(ConfiguredEventStoreRouter.class)
                        .storeFor(new StreamId.StreamType("Shipping", "Parcel"))).isSameAs(ownStore));
    }

    @Test
    @DisplayName("fails the start when the table-name prefix is not a valid start of a table name")
    void invalidPrefix() {
        FailureAnalysis analysis = EventSourcingConfigurationFailureAnalyzerTests.failure(runner,
                "eventsourcing.connections.default.connection-string=" + Azurite.get().connectionString(),
                "eventsourcing.table.table-name-prefix=1-bad");

        assertThat(analysis.getDescription()).startsWith("eventsourcing.table.table-name-prefix is '1-bad': ");
        assertThat(analysis.getAction()).isEqualTo("Set eventsourcing.table.table-name-prefix to 1 to 32 letters and "
                + "digits, starting with a letter, or remove it to use 'es'.");
    }

    @Test
    @DisplayName("fails the start when a connection authenticates with Entra ID and there is no credential")
    void noCredential() {
        FailureAnalysis analysis = EventSourcingConfigurationFailureAnalyzerTests.failure(runner,
                "eventsourcing.connections.default.account-name=bankprod");

        assertThat(analysis.getDescription()).isEqualTo("eventsourcing.connections.default authenticates with Microsoft "
                + "Entra ID (account-name or an endpoint without a connection string), but the application has no "
                + "TokenCredential bean.");
    }
}
