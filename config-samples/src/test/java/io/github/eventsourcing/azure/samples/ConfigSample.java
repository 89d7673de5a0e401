package io.github.eventsourcing.azure.samples;

import com.azure.spring.cloud.autoconfigure.implementation.context.AzureGlobalPropertiesAutoConfiguration;
import com.azure.spring.cloud.autoconfigure.implementation.context.AzureTokenCredentialAutoConfiguration;
import com.azure.spring.cloud.autoconfigure.implementation.storage.blob.AzureStorageBlobAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.AppendBlobEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.InMemoryEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.TableEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.spi.EventStoreRouter.Route;
import io.github.eventsourcing.azure.stream.StreamId.StreamType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Loads one sample file as an application would (it is the application.yml) into a context with the starter's
 * auto-configurations, including spring-cloud-azure's credential and Blob client.
 */
final class ConfigSample {

    private ConfigSample() {
    }

    static ApplicationContextRunner load(String file) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AzureGlobalPropertiesAutoConfiguration.class,
                        AzureTokenCredentialAutoConfiguration.class, AzureStorageBlobAutoConfiguration.class,
                        EventSourcingAutoConfiguration.class, InMemoryEventStoreAutoConfiguration.class,
                        TableEventStoreAutoConfiguration.class, AppendBlobEventStoreAutoConfiguration.class))
                .withInitializer(context -> yaml(file).forEach(context.getEnvironment().getPropertySources()::addLast));
    }

    static Route route(AssertableApplicationContext context, String domain, String entity) {
        return context.getBean(EventStoreRouter.class).route(new StreamType(domain, entity)).orElseThrow();
    }

    private static List<PropertySource<?>> yaml(String file) {
        try {
            return new YamlPropertySourceLoader().load(file, new ClassPathResource(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
