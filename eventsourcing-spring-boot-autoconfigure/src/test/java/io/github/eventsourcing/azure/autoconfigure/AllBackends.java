package io.github.eventsourcing.azure.autoconfigure;

import io.github.eventsourcing.azure.autoconfigure.scanned.ScannedApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A context with the event-sourcing auto-configuration and every built-in backend, for tests of connections. */
final class AllBackends {

    private AllBackends() {
    }

    static ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class,
                        InMemoryEventStoreAutoConfiguration.class, TableEventStoreAutoConfiguration.class,
                        AppendBlobEventStoreAutoConfiguration.class))
                .withUserConfiguration(ScannedApplication.class);
    }
}
