package io.github.eventsourcing.azure.autoconfigure;

import com.azure.data.tables.TableServiceClient;
import io.github.eventsourcing.azure.autoconfigure.scanned.ScannedApplication;
import io.github.eventsourcing.azure.memory.internal.InMemoryEventStore;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreFactory;
import io.github.eventsourcing.azure.spi.StorageConnection;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.AbstractApplicationContextRunner;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each way the configuration can be wrong fails the start with a message that says what to change. */
@DisplayName("A wrong eventsourcing.* configuration fails the start")
public class EventSourcingConfigurationFailureAnalyzerTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class,
                    InMemoryEventStoreAutoConfiguration.class))
            .withUserConfiguration(ScannedApplication.class);

    @Nested
    @DisplayName("in the stream rules")
    class StreamRules {

        @Test
        @DisplayName("when a rule's key is not Domain.Entity")
        void ruleKeyWithoutDot() {
            FailureAnalysis analysis = failure("eventsourcing.streams.[Bank].backend=in-memory");

            assertThat(analysis.getDescription())
                    .isEqualTo("eventsourcing.streams has the rule 'Bank', whose key is not of the form Domain.Entity.");
            assertThat(analysis.getAction()).isEqualTo("Name the rule Domain.Entity, with ALL for any domain or entity, "
                    + "e.g. eventsourcing.streams.[Bank.Account].backend=table. In YAML write the key in brackets and "
                    + "quotes, \"[Bank.Account]\": without them the dot is taken as a level of nesting.");
        }

        @Test
        @DisplayName("when a rule's key is written without brackets, so that its dot is lost")
        void ruleKeyWithoutBrackets() {
            FailureAnalysis analysis = failure("eventsourcing.streams.Bank.Account.backend=in-memory");

            assertThat(analysis.getDescription()).isEqualTo("The property eventsourcing.streams.Bank.Account.backend "
                    + "binds to no rule: its key Bank.Account is not in brackets, so its dots are read as nesting.");
            assertThat(analysis.getAction()).isEqualTo("Write the rule key in brackets: "
                    + "eventsourcing.streams.[Bank.Account].backend in .properties, or \"[Bank.Account]\": (with the "
                    + "quotes) in YAML.");
        }

        @Test
        @DisplayName("when a rule's key holds a character a domain or entity cannot have")
        void ruleKeyWithInvalidName() {
            FailureAnalysis analysis = failure("eventsourcing.streams.[Bank/Ops.Account].backend=in-memory");

            assertThat(analysis.getDescription()).isEqualTo("eventsourcing.streams has the rule 'Bank/Ops.Account', "
                    + "which cannot name a domain/entity: The domain 'Bank/Ops' may only contain letters, digits, '-' "
                    + "and '_' (found '/').");
            assertThat(analysis.getAction()).isEqualTo("Rename the rule to Domain.Entity as the streams are addressed, "
                    + "using letters, digits, '-' and '_' only, with ALL for any domain or entity.");
        }

        @Test
        @DisplayName("when a rule names no backend")
        void missingBackend() {
            FailureAnalysis analysis = failure("eventsourcing.streams.[Bank.ALL].connection=main");

            assertThat(analysis.getDescription()).isEqualTo("The rule eventsourcing.streams.[Bank.ALL] names no backend.");
            assertThat(analysis.getAction()).startsWith("Set eventsourcing.streams.[Bank.ALL].backend to one of: ")
                    .contains("in-memory");
        }

        @Test
        @DisplayName("when a rule names a backend that does not exist")
        void unknownBackend() {
            FailureAnalysis analysis = failure("eventsourcing.streams.[Bank.Account].backend=cosmos");

            assertThat(analysis.getDescription()).isEqualTo(
                    "The rule eventsourcing.streams.[Bank.Account] uses the backend 'cosmos', which does not exist.");
            assertThat(analysis.getAction()).startsWith("Set eventsourcing.streams.[Bank.Account].backend to one of: ")
                    .contains("in-memory");
        }

        @Test
        @DisplayName("when a rule names the table backend but the Table SDK is not on the classpath")
        void tableBackendWithoutSdk() {
            FailureAnalysis analysis = failure(runner.withClassLoader(new FilteredClassLoader(TableServiceClient.class)),
                    "eventsourcing.streams.[ALL.ALL].backend=table",
                    "eventsourcing.connections.default.connection-string=UseDevelopmentStorage=true");

            assertThat(analysis.getDescription()).isEqualTo("The rule eventsourcing.streams.[ALL.ALL] uses the backend "
                    + "'table', which is not available: com.azure:azure-data-tables is not on the classpath.");
            assertThat(analysis.getAction()).startsWith("Add the dependency com.azure:azure-data-tables "
                    + "(io.github.eventsourcing.azure:eventsourcing-spring-boot-starter brings it), or set "
                    + "eventsourcing.streams.[ALL.ALL].backend to one of: ");
        }

        @Test
        @DisplayName("when a rule stores into a connection that is not defined")
        void undefinedConnection() {
            FailureAnalysis analysis = failure(withRemoteBackend(), "eventsourcing.streams.[Bank.Account].backend=remote",
                    "eventsourcing.streams.[Bank.Account].connection=main",
                    "eventsourcing.connections.test.connection-string=UseDevelopmentStorage=true",
                    "eventsourcing.connections.archive.connection-string=UseDevelopmentStorage=true");

            assertThat(analysis.getDescription()).isEqualTo("The rule eventsourcing.streams.[Bank.Account] stores into "
                    + "the connection 'main', which eventsourcing.connections does not define (it defines archive, test).");
            assertThat(analysis.getAction()).isEqualTo("Define the connection, e.g. "
                    + "eventsourcing.connections.main.connection-string or eventsourcing.connections.main.account-name, "
                    + "or set eventsourcing.streams.[Bank.Account].connection to a defined connection.");
        }

        @Test
        @DisplayName("when a rule relies on the default connection and there are no connections at all")
        void noConnectionsAtAll() {
            FailureAnalysis analysis = failure(withRemoteBackend(), "eventsourcing.streams.[ALL.ALL].backend=remote");

            assertThat(analysis.getDescription()).isEqualTo("The rule eventsourcing.streams.[ALL.ALL] stores into the "
                    + "connection 'default', which eventsourcing.connections does not define (it defines none).");
        }
    }

    @Nested
    @DisplayName("in the limits")
    class Limits {

        @Test
        @DisplayName("when max-events-per-append is raised above 49")
        void tooManyEventsPerAppend() {
            FailureAnalysis analysis = failure("eventsourcing.limits.max-events-per-append=50");

            assertThat(analysis.getDescription()).isEqualTo("eventsourcing.limits.max-events-per-append is 50, outside "
                    + "the allowed range 1 to 49. Limits may only be lowered, never raised: an Azure Table transaction "
                    + "holds at most 100 rows and each event takes two.");
            assertThat(analysis.getAction()).isEqualTo(
                    "Set eventsourcing.limits.max-events-per-append between 1 and 49, or remove it to use 49.");
        }

        @Test
        @DisplayName("when the version cache is given a negative size")
        void negativeVersionCache() {
            FailureAnalysis analysis = failure("eventsourcing.appends.version-cache-size=-1");

            assertThat(analysis.getDescription()).isEqualTo("eventsourcing.appends.version-cache-size is -1; it is a "
                    + "number of streams and cannot be negative.");
            assertThat(analysis.getAction()).isEqualTo("Set eventsourcing.appends.version-cache-size to 0 (no cache) "
                    + "or more, or remove it to keep the versions of up to 10000 streams.");
        }

        @Test
        @DisplayName("when max-event-size is raised above 256KB")
        void eventTooLarge() {
            FailureAnalysis analysis = failure("eventsourcing.limits.max-event-size=512KB");

            assertThat(analysis.getDescription()).startsWith("eventsourcing.limits.max-event-size is 512KB, outside the "
                    + "allowed range 1KB to 256KB. Limits may only be lowered, never raised");
            assertThat(analysis.getAction()).isEqualTo(
                    "Set eventsourcing.limits.max-event-size between 1KB and 256KB, or remove it to use 256KB.");
        }

        @Test
        @DisplayName("when max-event-size is set below 1KB")
        void eventLimitTooSmall() {
            FailureAnalysis analysis = failure("eventsourcing.limits.max-event-size=100B");

            assertThat(analysis.getDescription()).startsWith(
                    "eventsourcing.limits.max-event-size is 100B, outside the allowed range 1KB to 256KB.");
        }

        @Test
        @DisplayName("when max-append-size is raised above 2MB")
        void appendTooLarge() {
            FailureAnalysis analysis = failure("eventsourcing.limits.max-append-size=4MB");

            assertThat(analysis.getDescription()).startsWith("eventsourcing.limits.max-append-size is 4MB, outside the "
                    + "allowed range 256KB (max-event-size) to 2MB.");
            assertThat(analysis.getAction()).isEqualTo("Set eventsourcing.limits.max-append-size between 256KB "
                    + "(max-event-size) and 2MB, or remove it to use 2MB.");
        }

        @Test
        @DisplayName("when max-append-size is below max-event-size")
        void appendLimitBelowEventLimit() {
            FailureAnalysis analysis = failure("eventsourcing.limits.max-event-size=64KB",
                    "eventsourcing.limits.max-append-size=32KB");

            assertThat(analysis.getDescription()).startsWith("eventsourcing.limits.max-append-size is 32KB, outside the "
                    + "allowed range 64KB (max-event-size) to 2MB.");
        }
    }

    @Test
    @DisplayName("when two event classes claim the same business name")
    void clashingEventNames() {
        FailureAnalysis analysis = failure(
                "eventsourcing.event-type-packages=io.github.eventsourcing.azure.autoconfigure.clash");

        assertThat(analysis.getDescription()).contains("cannot be registered: Event classes")
                .contains("ClashingEvents$MoneyDeposited").contains("ClashingEvents$MoneyPaidIn")
                .contains("both claim the business name 'Money Deposited'");
        assertThat(analysis.getAction()).isEqualTo("Give every event class its own @EventName business name, and every "
                + "stored (name, version) one EventUpcaster bean.");
    }

    /** With a backend of the application's own that stores into named connections. */
    private ApplicationContextRunner withRemoteBackend() {
        return runner.withBean("remoteEventStoreFactory", EventStoreFactory.class, () -> new EventStoreFactory() {
            @Override
            public String backend() {
                return "remote";
            }

            @Override
            public EventStore create(StorageConnection connection) {
                return new InMemoryEventStore();
            }
        });
    }

    private FailureAnalysis failure(String... properties) {
        return failure(runner, properties);
    }

    /**
     * The analysis of the failed start by the analyzers the library registers in spring.factories, as Spring Boot
     * prints it; for any kind of context runner.
     */
    public static FailureAnalysis failure(AbstractApplicationContextRunner<?, ?, ?> runner, String... properties) {
        FailureAnalysis[] analysis = new FailureAnalysis[1];
        runner.withPropertyValues(properties).run(context -> {
            Throwable failure = context.getStartupFailure();
            assertThat(failure).as("the start-up failure")
                    .hasRootCauseInstanceOf(InvalidEventSourcingConfigurationException.class);
            analysis[0] = ourAnalyzers().stream().map(analyzer -> analyzer.analyze(failure))
                    .filter(result -> result != null).findFirst().orElse(null);
        });
        assertThat(analysis[0]).as("an analysis from a FailureAnalyzer registered in spring.factories").isNotNull();
        return analysis[0];
    }

    private static List<FailureAnalyzer> ourAnalyzers() {
        return SpringFactoriesLoader.forDefaultResourceLocation(EventSourcingConfigurationFailureAnalyzerTests.class
                        .getClassLoader())
                // Spring Boot's own analyzers need constructor arguments; only ours matter here.
                .load(FailureAnalyzer.class, (factoryType, implementationName, failure) -> {
                }).stream()
                .filter(analyzer -> analyzer.getClass().getName().startsWith("io.github.eventsourcing")).toList();
    }
}
