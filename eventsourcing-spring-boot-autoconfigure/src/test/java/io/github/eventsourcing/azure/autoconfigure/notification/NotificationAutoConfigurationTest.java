package io.github.eventsourcing.azure.autoconfigure.notification;

import com.azure.spring.cloud.autoconfigure.implementation.context.AzureGlobalPropertiesAutoConfiguration;
import com.azure.spring.cloud.autoconfigure.implementation.eventgrid.AzureEventGridAutoConfiguration;
import io.github.eventsourcing.azure.memory.internal.InMemoryEventStore;
import io.github.eventsourcing.azure.notification.NotificationKind;
import io.github.eventsourcing.azure.notification.NotificationPublisher;
import io.github.eventsourcing.azure.notification.internal.BestEffortPublisher;
import io.github.eventsourcing.azure.notification.internal.EventGridNotificationPublisher;
import io.github.eventsourcing.azure.notification.internal.NotificationDispatcher;
import io.github.eventsourcing.azure.notification.internal.NotificationSwitches;
import io.github.eventsourcing.azure.notification.internal.StreamNotifier;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.EventStoreLimits;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.internal.DefaultEventStreams;
import io.github.eventsourcing.azure.stream.internal.EventSerializer;
import io.github.eventsourcing.azure.stream.internal.EventTypeRegistry;
import io.github.eventsourcing.azure.stream.internal.StorageObjectMapper;
import io.github.eventsourcing.azure.stream.internal.StreamChangeListener;
import io.github.eventsourcing.azure.test.eventgrid.DeliveredNotifications;
import io.github.eventsourcing.azure.test.eventgrid.EventGridClients;
import io.github.eventsourcing.azure.test.eventgrid.EventGridStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@DisplayName("Notification auto-configuration")
class NotificationAutoConfigurationTest {

    @EventName("Account Opened")
    record AccountOpened(String owner) {
    }

    /** The core beans, as the library's own auto-configuration will declare them. */
    @Configuration(proxyBeanMethods = false)
    static class EventStreamsConfiguration {
        @Bean
        EventStoreRouter eventStoreRouter() {
            return EventStoreRouter.single(new InMemoryEventStore());
        }

        @Bean
        EventStreams eventStreams(EventStoreRouter router, ObjectProvider<StreamChangeListener> listeners) {
            return new DefaultEventStreams(router,
                    new EventSerializer(StorageObjectMapper.create(), new EventTypeRegistry()), EventStoreLimits.DEFAULT,
                    Clock.systemUTC(), listeners.orderedStream().toList());
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NotificationAutoConfiguration.class))
            .withUserConfiguration(EventStreamsConfiguration.class);

    private EventGridStub endpoint;

    @BeforeEach
    void startEndpoint() {
        endpoint = EventGridStub.http();
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.close();
    }

    @Test
    @DisplayName("publishes nothing unless enabled")
    void offByDefault() {
        runner.withPropertyValues("eventsourcing.notifications.event-grid.endpoint=" + endpoint.endpoint())
                .run(context -> {
                    assertThat(context).doesNotHaveBean(NotificationPublisher.class)
                            .doesNotHaveBean(StreamNotifier.class);
                    context.getBean(EventStreams.class).stream("Bank", "Account", "A-0").append(new AccountOpened("x"));
                });
        assertThat(endpoint.requests()).isEmpty();
    }

    @Test
    @DisplayName("with an endpoint and a SAS token, the application's writes are published to that topic")
    void publishesWithSasToken() {
        runner.withPropertyValues("eventsourcing.notifications.enabled=true",
                "eventsourcing.notifications.event-grid.endpoint=" + endpoint.endpoint(),
                "eventsourcing.notifications.event-grid.sas-token=" + EventGridClients.SAS).run(context -> {
            assertThat(context).hasSingleBean(StreamNotifier.class);
            context.getBean(EventStreams.class).stream("Bank", "Account", "A-1").append(new AccountOpened("Ann"));

            await().until(() -> DeliveredNotifications.of(endpoint).size() == 2);
            assertThat(DeliveredNotifications.of(endpoint)).extracting(DeliveredNotifications.Delivered::eventType)
                    .containsExactly("Bank.Account.NewEntity", "Bank.Account.Account Opened");
            assertThat(endpoint.requests().get(0).header("aeg-sas-token")).isEqualTo(EventGridClients.SAS);
            assertThat(endpoint.requests().get(0).header("content-type")).isEqualTo("application/json");
        });
    }

    @Test
    @DisplayName("the cloud-events schema publishes CloudEvents 1.0")
    void cloudEventsSchema() {
        runner.withPropertyValues("eventsourcing.notifications.enabled=true",
                "eventsourcing.notifications.event-grid.endpoint=" + endpoint.endpoint(),
                "eventsourcing.notifications.event-grid.sas-token=" + EventGridClients.SAS,
                "eventsourcing.notifications.event-grid.schema=cloud-events").run(context -> {
            context.getBean(EventStreams.class).stream("Bank", "Account", "A-2").append(new AccountOpened("Ann"));

            await().until(() -> DeliveredNotifications.of(endpoint).size() == 2);
            assertThat(endpoint.requests().get(0).header("content-type"))
                    .isEqualTo("application/cloudevents-batch+json; charset=utf-8");
            assertThat(endpoint.requests().get(0).body()).contains("\"specversion\":\"1.0\"");
        });
    }

    @Test
    @DisplayName("a topic key goes over HTTPS; customizers can set the HTTP client (here: one trusting a test certificate)")
    void keyWithCustomizer() {
        EventGridStub.SelfSignedCertificate certificate = EventGridStub.SelfSignedCertificate.get();
        try (EventGridStub https = EventGridStub.https(certificate)) {
            runner.withPropertyValues("eventsourcing.notifications.enabled=true",
                            "eventsourcing.notifications.event-grid.endpoint=" + https.endpoint(),
                            "eventsourcing.notifications.event-grid.key=" + EventGridClients.KEY)
                    .withBean(NotificationClientCustomizer.class,
                            () -> builder -> builder.httpClient(EventGridClients.trusting(certificate)))
                    .run(context -> {
                        context.getBean(EventStreams.class).stream("Bank", "Account", "A-3")
                                .append(new AccountOpened("Ann"));

                        await().until(() -> DeliveredNotifications.of(https).size() == 2);
                        assertThat(https.requests().get(0).header("aeg-sas-key")).isEqualTo(EventGridClients.KEY);
                    });
        }
    }

    @Test
    @DisplayName("without an endpoint of its own it uses spring-cloud-azure's Event Grid client (spring.cloud.azure.eventgrid.*)")
    void reusesSpringCloudAzure() {
        runner.withConfiguration(AutoConfigurations.of(AzureGlobalPropertiesAutoConfiguration.class,
                        AzureEventGridAutoConfiguration.class))
                .withPropertyValues("eventsourcing.notifications.enabled=true",
                        "spring.cloud.azure.eventgrid.endpoint=" + endpoint.endpoint(),
                        "spring.cloud.azure.eventgrid.sas-token=" + EventGridClients.SAS)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    context.getBean(EventStreams.class).stream("Bank", "Account", "A-4").append(new AccountOpened("Ann"));

                    await().until(() -> DeliveredNotifications.of(endpoint).size() == 2);
                    assertThat(endpoint.requests().get(0).header("aeg-sas-token")).isEqualTo(EventGridClients.SAS);
                });
    }

    @Test
    @DisplayName("kinds are switched globally and per domain/entity, the most specific setting winning")
    void switches() {
        runner.withPropertyValues("eventsourcing.notifications.enabled=true",
                "eventsourcing.notifications.event-grid.endpoint=" + endpoint.endpoint(),
                "eventsourcing.notifications.event-grid.sas-token=x",
                "eventsourcing.notifications.kinds.projection-completed=true",
                "eventsourcing.notifications.streams[Bank.ALL].new-event=false",
                "eventsourcing.notifications.streams[Bank.Account].new-event=true",
                "eventsourcing.notifications.streams[ALL.Loan].projection-completed=false").run(context -> {
            NotificationSwitches switches = context.getBean(NotificationSwitches.class);
            assertThat(switches.isEnabled(NotificationKind.NEW_EVENT, type("Bank", "Account"))).isTrue();
            assertThat(switches.isEnabled(NotificationKind.NEW_EVENT, type("Bank", "Card"))).isFalse();
            assertThat(switches.isEnabled(NotificationKind.NEW_EVENT, type("Shop", "Order"))).isTrue();
            assertThat(switches.isEnabled(NotificationKind.PROJECTION_COMPLETED, type("Bank", "Account"))).isTrue();
            assertThat(switches.isEnabled(NotificationKind.PROJECTION_COMPLETED, type("Bank", "Loan"))).isFalse();
            assertThat(switches.isEnabled(NotificationKind.CLASSIFICATION_COMPLETED, type("Bank", "Account"))).isFalse();
        });
    }

    @Test
    @DisplayName("the webhook is off by default, and served once enabled with a secret (without one, see "
            + "NotificationConfigurationFailureTests)")
    void webhookNeedsEnablingAndSecret() {
        WebApplicationContextRunner web = new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(NotificationWebhookAutoConfiguration.class));
        web.run(context -> assertThat(context).doesNotHaveBean(RouterFunction.class));
        web.withPropertyValues("eventsourcing.notifications.webhook.enabled=true",
                "eventsourcing.notifications.webhook.secret=x").run(context ->
                assertThat(context).hasSingleBean(RouterFunction.class));
    }

    @Test
    @DisplayName("publishes through the application's own NotificationPublisher when it declares one")
    void ownPublisher() {
        List<String> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        runner.withPropertyValues("eventsourcing.notifications.enabled=true")
                .withBean(NotificationPublisher.class, () -> notifications ->
                        notifications.forEach(n -> published.add(n.eventType())))
                .run(context -> {
                    assertThat(context).doesNotHaveBean(EventGridNotificationPublisher.class);
                    context.getBean(EventStreams.class).stream("Bank", "Account", "A-5").append(new AccountOpened("x"));
                    await().until(() -> published.size() == 2);
                    assertThat(published).containsExactly("Bank.Account.NewEntity", "Bank.Account.Account Opened");
                });
    }

    @Test
    @DisplayName("publishes nothing while the context starts, not even its writes then; starts once it is refreshed and stops when it closes")
    void publishesOnlyWhileTheContextRuns() {
        runner.withPropertyValues("eventsourcing.notifications.enabled=true")
                .withUserConfiguration(StartupWriterConfiguration.class)
                .run(context -> {
                    StartupWriter writer = context.getBean(StartupWriter.class);
                    assertThat(writer.dispatcherRunning).isFalse();
                    assertThat(writer.bestEffortRunning).isFalse();
                    assertThat(writer.publishedMeanwhile).isEmpty();
                    NotificationDispatcher dispatcher = context.getBean(NotificationDispatcher.class);
                    BestEffortPublisher bestEffort = context.getBean(BestEffortPublisher.class);
                    assertThat(dispatcher.isRunning()).isTrue();
                    assertThat(bestEffort.isRunning()).isTrue();

                    await().until(() -> writer.published.size() == 2);
                    assertThat(writer.published).containsExactly("Bank.Account.NewEntity", "Bank.Account.Account Opened");

                    context.close();
                    assertThat(dispatcher.isRunning()).isFalse();
                    assertThat(bestEffort.isRunning()).isFalse();
                });
    }

    @Test
    @DisplayName("publishing starts after the web server and stops after its graceful shutdown, with the requests in flight")
    void phaseAroundTheWebServer() {
        // Spring Boot's servlet web server starts and stops one phase step (1024) below its graceful shutdown.
        int gracefulShutdown = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE;
        int webServer = gracefulShutdown - 1024;
        runner.withPropertyValues("eventsourcing.notifications.enabled=true")
                .withBean(NotificationPublisher.class, () -> notifications -> {
                })
                .run(context -> {
                    assertThat(context.getBean(NotificationDispatcher.class).getPhase())
                            .isGreaterThan(webServer).isLessThan(gracefulShutdown);
                    assertThat(context.getBean(BestEffortPublisher.class).getPhase())
                            .isGreaterThan(webServer).isLessThan(gracefulShutdown);
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class StartupWriterConfiguration {

        @Bean
        StartupWriter startupWriter(EventStreams streams, ObjectProvider<NotificationDispatcher> dispatcher,
                                    ObjectProvider<BestEffortPublisher> bestEffort) {
            return new StartupWriter(streams, dispatcher, bestEffort);
        }

        @Bean
        NotificationPublisher recordingPublisher(ObjectProvider<StartupWriter> writer) {
            return notifications -> notifications.forEach(n -> writer.getObject().published.add(n.eventType()));
        }
    }

    /**
     * Writes while the context is being created (once all singletons exist, before the context is refreshed), and
     * records what it saw then.
     */
    static class StartupWriter implements SmartInitializingSingleton {

        final List<String> published = new CopyOnWriteArrayList<>();
        private final EventStreams streams;
        private final ObjectProvider<NotificationDispatcher> dispatcher;
        private final ObjectProvider<BestEffortPublisher> bestEffort;
        volatile boolean dispatcherRunning = true;
        volatile boolean bestEffortRunning = true;
        volatile List<String> publishedMeanwhile;

        StartupWriter(EventStreams streams, ObjectProvider<NotificationDispatcher> dispatcher,
                      ObjectProvider<BestEffortPublisher> bestEffort) {
            this.streams = streams;
            this.dispatcher = dispatcher;
            this.bestEffort = bestEffort;
        }

        @Override
        public void afterSingletonsInstantiated() {
            dispatcherRunning = dispatcher.getObject().isRunning();
            bestEffortRunning = bestEffort.getObject().isRunning();
            streams.stream("Bank", "Account", "A-6").append(new AccountOpened("early"));
            try {
                Thread.sleep(300); // time enough for a premature publish, which takes a few milliseconds
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            publishedMeanwhile = List.copyOf(published);
        }
    }

    private static StreamId.StreamType type(String domain, String entity) {
        return new StreamId.StreamType(domain, entity);
    }
}
