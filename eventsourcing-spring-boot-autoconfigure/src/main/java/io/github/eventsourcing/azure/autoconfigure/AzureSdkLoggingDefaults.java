package io.github.eventsourcing.azure.autoconfigure;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Quiets the Azure Table SDK's logger by default. The SDK logs every rejected entity group transaction at ERROR
 * with a stack trace, and here a rejected transaction is routine: it is how an optimistic-concurrency conflict, an
 * idempotent retry or the first write to a new table is detected. It also logs a point read of a missing row (a
 * stream's header before its first append, a snapshot not yet written) at ERROR. Every failure still reaches the caller as an
 * exception of the event-stream API, so nothing is hidden. The default has the lowest precedence: setting
 * {@code logging.level.com.azure.data.tables.TableClient} anywhere overrides it.
 */
final class AzureSdkLoggingDefaults implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "eventsourcingAzureSdkLoggingDefaults";
    static final String TABLE_CLIENT_LEVEL = "logging.level.com.azure.data.tables.TableClient";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getPropertySources().contains(SOURCE_NAME)) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME,
                    Map.of(TABLE_CLIENT_LEVEL, "off")));
        }
    }
}
