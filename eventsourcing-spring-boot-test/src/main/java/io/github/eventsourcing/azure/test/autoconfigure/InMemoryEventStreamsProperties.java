package io.github.eventsourcing.azure.test.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Switches for tests of applications built on the library. */
@ConfigurationProperties("eventsourcing.test")
public class InMemoryEventStreamsProperties {

    /**
     * Whether every stream rule is served by one in-memory store, whatever backend and connection it names (for
     * tests: no storage account needed). The rules keep their keys; with no rule at all, ALL.ALL is assumed.
     */
    private boolean inMemory;

    public boolean isInMemory() {
        return inMemory;
    }

    public void setInMemory(boolean inMemory) {
        this.inMemory = inMemory;
    }
}
