package io.github.eventsourcing.azure.table.internal;

import com.azure.data.tables.TableServiceClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For a test class whose stores must never send a request Azure would refuse: hands out Azurite clients whose
 * pipelines hold one {@link AzureTableLimitsPolicy}, fails a test after which the policy refused anything, and quiets
 * the SDK's per-conflict ERROR log while the class runs (the tests provoke thousands of conflicts on purpose).
 * Register it as a static field with {@code @RegisterExtension}.
 */
final class WithinAzureTableLimits implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

    private final AzureTableLimitsPolicy limits = new AzureTableLimitsPolicy();
    /** @Nested classes inherit the extension, so before/after-all run once per class level: quiet once, restore once. */
    private int openClasses;

    /** A new client on the shared Azurite, checked against Azure's limits. */
    TableServiceClient client() {
        return AzuriteTables.client(limits);
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (openClasses++ == 0) {
            SdkConflictLogs.silence();
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (--openClasses == 0) {
            SdkConflictLogs.restore();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        assertThat(limits.refused()).as("requests Azure would refuse").isEmpty();
    }
}
