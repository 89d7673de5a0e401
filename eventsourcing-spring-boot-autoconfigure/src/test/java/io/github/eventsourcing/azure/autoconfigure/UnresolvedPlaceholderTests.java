package io.github.eventsourcing.azure.autoconfigure;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.github.eventsourcing.azure.autoconfigure.EventSourcingConfigurationFailureAnalyzerTests.failure;
import static org.assertj.core.api.Assertions.assertThat;

/** A connection setting taken from an environment variable that is not set. */
@DisplayName("A connection whose value is a placeholder nothing resolves fails the start")
class UnresolvedPlaceholderTests {

    private final ApplicationContextRunner runner = AllBackends.runner();

    @Test
    @DisplayName("naming the unset variable and the property to set, instead of calling the connection string invalid")
    void unsetConnectionStringVariable() {
        FailureAnalysis analysis = failure(runner,
                "eventsourcing.connections.default.connection-string=${UNSET_STORAGE_CONNECTION_STRING}",
                "eventsourcing.streams.[ALL.ALL].backend=table");

        assertThat(analysis.getDescription()).isEqualTo("eventsourcing.connections.default.connection-string holds the "
                + "placeholder ${UNSET_STORAGE_CONNECTION_STRING}, which nothing resolves: no property or environment "
                + "variable UNSET_STORAGE_CONNECTION_STRING is set.");
        assertThat(analysis.getAction()).isEqualTo("Set the environment variable UNSET_STORAGE_CONNECTION_STRING (or a "
                + "property of that name, e.g. --UNSET_STORAGE_CONNECTION_STRING=...) before the application starts, or "
                + "set eventsourcing.connections.default.connection-string to the value itself. To develop against the "
                + "Azurite emulator on this machine, replace it with "
                + "eventsourcing.connections.default.emulator.enabled=true.");
    }

    @Test
    @DisplayName("naming only the placeholder of a value that is partly a secret")
    void partlyResolved() {
        FailureAnalysis analysis = failure(runner,
                "eventsourcing.connections.audit.connection-string=AccountName=a;AccountKey=secret-key;${UNSET_SUFFIX}",
                "eventsourcing.streams.[ALL.ALL].backend=append-blob",
                "eventsourcing.streams.[ALL.ALL].connection=audit");

        assertThat(analysis.getDescription()).contains("${UNSET_SUFFIX}").doesNotContain("secret-key");
        assertThat(analysis.getAction()).doesNotContain("secret-key");
    }

    @Test
    @DisplayName("for an account name, too")
    void unsetAccountName() {
        FailureAnalysis analysis = failure(runner,
                "eventsourcing.connections.default.account-name=${UNSET_ACCOUNT}",
                "eventsourcing.streams.[ALL.ALL].backend=table");

        assertThat(analysis.getDescription()).startsWith("eventsourcing.connections.default.account-name holds the "
                + "placeholder ${UNSET_ACCOUNT}");
    }
}
