package io.github.eventsourcing.azure.samples;

import com.azure.spring.cloud.autoconfigure.implementation.context.AzureGlobalPropertiesAutoConfiguration;
import com.azure.spring.cloud.autoconfigure.implementation.context.AzureTokenCredentialAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.TableEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.notification.NotificationAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.notification.NotificationClientCustomizer;
import io.github.eventsourcing.azure.autoconfigure.notification.NotificationProperties;
import io.github.eventsourcing.azure.autoconfigure.notification.NotificationWebhookAutoConfiguration;
import io.github.eventsourcing.azure.notification.EventGridSchema;
import io.github.eventsourcing.azure.notification.NotificationKind;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.test.Azurite;
import io.github.eventsourcing.azure.test.eventgrid.DeliveredNotifications;
import io.github.eventsourcing.azure.test.eventgrid.EventGridClients;
import io.github.eventsourcing.azure.test.eventgrid.EventGridStub;
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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@DisplayName("Sample notifications-on.yml")
class NotificationsSampleTest {

    @EventName("Sample Account Opened")
    record AccountOpened(String owner) {
    }

    private static final String SAMPLE = "notifications-on.yml";

    @Test
    @DisplayName("binds to the notification properties its comments describe")
    void binds() throws IOException {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("EVENTGRID_TOPIC_ENDPOINT", "https://bank-events.westeurope-1.eventgrid.azure.net/api/events")
                .withProperty("EVENTGRID_TOPIC_KEY", "topic-key-from-env")
                .withProperty("NOTIFICATION_WEBHOOK_SECRET", "webhook-secret-from-env");
        yaml().forEach(environment.getPropertySources()::addLast);

        NotificationProperties properties = Binder.get(environment).bind("eventsourcing.notifications",
                NotificationProperties.class).get();

        assertThat(properties.isEnabled()).isTrue();
        assertThat(properties.getEventGrid().getEndpoint())
                .isEqualTo("https://bank-events.westeurope-1.eventgrid.azure.net/api/events");
        assertThat(properties.getEventGrid().getKey()).isEqualTo("topic-key-from-env");
        assertThat(properties.getEventGrid().getSchema()).isEqualTo(EventGridSchema.EVENT_GRID);
        assertThat(properties.getStreams()).containsOnlyKeys("Bank.ALL", "Bank.Account", "Audit.ALL");
        assertThat(properties.getDispatch().getPollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.getDispatch().getMaxBackoff()).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.getWebhook().isEnabled()).isTrue();
        assertThat(properties.getWebhook().getSecret()).isEqualTo("webhook-secret-from-env");

        assertThat(properties.sends(NotificationKind.PROJECTION_COMPLETED, type("Bank", "Account"))).isTrue();
        assertThat(properties.sends(NotificationKind.PROJECTION_COMPLETED, type("Bank", "Loan"))).isFalse();
        assertThat(properties.sends(NotificationKind.NEW_EVENT, type("Audit", "Entry"))).isFalse();
        assertThat(properties.sends(NotificationKind.NEW_EVENT, type("Bank", "Account"))).isTrue();
        assertThat(properties.sends(NotificationKind.CLASSIFICATION_COMPLETED, type("Bank", "Account"))).isFalse();
    }

    @Test
    @DisplayName("as an application's configuration: Table writes are announced on the topic (key over HTTPS), and the webhook is served")
    void runs() throws IOException {
        EventGridStub.SelfSignedCertificate certificate = EventGridStub.SelfSignedCertificate.get();
        List<PropertySource<?>> sample = yaml();
        try (EventGridStub topic = EventGridStub.https(certificate)) {
            new WebApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(AzureGlobalPropertiesAutoConfiguration.class,
                            AzureTokenCredentialAutoConfiguration.class, EventSourcingAutoConfiguration.class,
                            TableEventStoreAutoConfiguration.class, NotificationAutoConfiguration.class,
                            NotificationWebhookAutoConfiguration.class))
                    .withInitializer(context -> sample.forEach(context.getEnvironment().getPropertySources()::addLast))
                    .withPropertyValues("STORAGE_CONNECTION_STRING=" + Azurite.get().connectionString(),
                            "EVENTGRID_TOPIC_ENDPOINT=" + topic.endpoint(),
                            "EVENTGRID_TOPIC_KEY=" + EventGridClients.KEY,
                            "NOTIFICATION_WEBHOOK_SECRET=webhook-secret-from-env")
                    // Only because the test's topic has a self-signed certificate.
                    .withBean(NotificationClientCustomizer.class,
                            () -> builder -> builder.httpClient(EventGridClients.trusting(certificate)))
                    .run(context -> {
                        assertThat(context).hasNotFailed().hasSingleBean(RouterFunction.class);
                        String key = "A-" + UUID.randomUUID();
                        context.getBean(EventStreams.class).stream("Bank", "Account", key)
                                .append(new AccountOpened("Ann"));

                        // Only this stream's: the dispatcher also publishes what other tests left unpublished on the
                        // shared storage, as a restarted application does.
                        await().atMost(Duration.ofSeconds(30)).until(() -> DeliveredNotifications.of(topic).stream()
                                .filter(delivered -> key.equals(delivered.instanceKey())).count() >= 2);
                        assertThat(DeliveredNotifications.of(topic)).filteredOn(d -> key.equals(d.instanceKey()))
                                .extracting(DeliveredNotifications.Delivered::eventType)
                                .containsExactly("Bank.Account.NewEntity", "Bank.Account.Sample Account Opened");
                        assertThat(topic.requests().get(0).header("aeg-sas-key")).isEqualTo(EventGridClients.KEY);
                    });
        }
    }

    private static List<PropertySource<?>> yaml() throws IOException {
        return new YamlPropertySourceLoader().load(SAMPLE, new ClassPathResource(SAMPLE));
    }

    private static StreamId.StreamType type(String domain, String entity) {
        return new StreamId.StreamType(domain, entity);
    }
}
