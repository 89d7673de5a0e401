package io.github.eventsourcing.azure.samples;

import io.github.eventsourcing.azure.autoconfigure.notification.NotificationAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.notification.NotificationProperties;
import io.github.eventsourcing.azure.autoconfigure.notification.NotificationWebhookAutoConfiguration;
import io.github.eventsourcing.azure.notification.EventGridNotificationPublisher;
import io.github.eventsourcing.azure.notification.NotificationDispatcher;
import io.github.eventsourcing.azure.notification.NotificationKind;
import io.github.eventsourcing.azure.notification.NotificationSwitches;
import io.github.eventsourcing.azure.stream.StreamId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.servlet.function.RouterFunction;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Sample notifications-on.yml")
class NotificationsSampleTest {

    private static final String SAMPLE = "notifications-on.yml";

    @Test
    @DisplayName("binds to the notification properties it documents")
    void binds() throws IOException {
        NotificationProperties properties = Binder.get(environment()).bind("eventsourcing.notifications",
                NotificationProperties.class).get();

        assertThat(properties.isEnabled()).isTrue();
        assertThat(properties.getEventGrid().getEndpoint())
                .isEqualTo("https://bank-events.westeurope-1.eventgrid.azure.net/api/events");
        assertThat(properties.getEventGrid().getKey()).isEqualTo("topic-key-from-env");
        assertThat(properties.getEventGrid().getSchema()).isEqualTo(EventGridNotificationPublisher.Schema.EVENT_GRID);
        assertThat(properties.getStreams()).containsOnlyKeys("Bank.ALL", "Bank.Account", "Audit.ALL");
        assertThat(properties.getDispatch().getPollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.getDispatch().getMaxBackoff()).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.getWebhook().isEnabled()).isTrue();
        assertThat(properties.getWebhook().getSecret()).isEqualTo("webhook-secret-from-env");

        NotificationSwitches switches = properties.switches();
        assertThat(switches.isEnabled(NotificationKind.PROJECTION_COMPLETED, type("Bank", "Account"))).isTrue();
        assertThat(switches.isEnabled(NotificationKind.PROJECTION_COMPLETED, type("Bank", "Loan"))).isFalse();
        assertThat(switches.isEnabled(NotificationKind.NEW_EVENT, type("Audit", "Entry"))).isFalse();
        assertThat(switches.isEnabled(NotificationKind.NEW_EVENT, type("Bank", "Account"))).isTrue();
        assertThat(switches.isEnabled(NotificationKind.CLASSIFICATION_COMPLETED, type("Bank", "Account"))).isFalse();
    }

    @Test
    @DisplayName("starts an application that publishes to Event Grid and serves the webhook")
    void starts() throws IOException {
        List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("sample", new ClassPathResource(SAMPLE));
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(NotificationAutoConfiguration.class,
                        NotificationWebhookAutoConfiguration.class))
                .withInitializer(context -> sources.forEach(context.getEnvironment().getPropertySources()::addLast))
                .withPropertyValues("EVENTGRID_TOPIC_ENDPOINT=https://bank-events.westeurope-1.eventgrid.azure.net/api/events",
                        "EVENTGRID_TOPIC_KEY=topic-key-from-env",
                        "NOTIFICATION_WEBHOOK_SECRET=webhook-secret-from-env")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(EventGridNotificationPublisher.class)
                            .hasSingleBean(NotificationDispatcher.class).hasSingleBean(RouterFunction.class);
                });
    }

    private static MockEnvironment environment() throws IOException {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("EVENTGRID_TOPIC_ENDPOINT", "https://bank-events.westeurope-1.eventgrid.azure.net/api/events")
                .withProperty("EVENTGRID_TOPIC_KEY", "topic-key-from-env")
                .withProperty("NOTIFICATION_WEBHOOK_SECRET", "webhook-secret-from-env");
        new YamlPropertySourceLoader().load("sample", new ClassPathResource(SAMPLE))
                .forEach(environment.getPropertySources()::addLast);
        return environment;
    }

    private static StreamId.StreamType type(String domain, String entity) {
        return new StreamId.StreamType(domain, entity);
    }
}
