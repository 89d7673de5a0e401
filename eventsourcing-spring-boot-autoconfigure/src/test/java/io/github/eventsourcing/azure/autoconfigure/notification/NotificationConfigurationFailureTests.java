package io.github.eventsourcing.azure.autoconfigure.notification;

import com.azure.core.credential.TokenCredential;
import io.github.eventsourcing.azure.autoconfigure.EventSourcingProperties;
import io.github.eventsourcing.azure.notification.NotificationKind;
import io.github.eventsourcing.azure.notification.internal.NotificationSwitches;
import io.github.eventsourcing.azure.stream.StreamId.StreamType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;


import static io.github.eventsourcing.azure.autoconfigure.EventSourcingConfigurationFailureAnalyzerTests.failure;
import static org.assertj.core.api.Assertions.assertThat;

/** Each way the notification configuration can be incomplete fails the start with a message that says what to set. */
@DisplayName("An incomplete eventsourcing.notifications.* configuration fails the start")
class NotificationConfigurationFailureTests {

    private static final TokenCredential NO_TOKEN = request -> {
        throw new UnsupportedOperationException("not called at start-up");
    };

    @Nested
    @DisplayName("when publishing")
    class Publishing {

        private final ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(NotificationAutoConfiguration.class))
                .withUserConfiguration(NotificationAutoConfigurationTest.EventStreamsConfiguration.class);

        @Test
        @DisplayName("is enabled without an Event Grid topic")
        void noTopic() {
            FailureAnalysis analysis = failure(runner, "eventsourcing.notifications.enabled=true");

            assertThat(analysis.getDescription()).isEqualTo("eventsourcing.notifications.enabled is true, but no "
                    + "Event Grid topic is configured to publish the notifications to.");
            assertThat(analysis.getAction()).isEqualTo("Set eventsourcing.notifications.event-grid.endpoint to the "
                    + "topic's endpoint (e.g. https://<topic>.<region>-1.eventgrid.azure.net/api/events) and "
                    + "eventsourcing.notifications.event-grid.key to one of its access keys (or "
                    + "eventsourcing.notifications.event-grid.sas-token; with neither, the application's Azure "
                    + "TokenCredential authenticates). Or set spring.cloud.azure.eventgrid.endpoint to use "
                    + "spring-cloud-azure's Event Grid client, declare a NotificationPublisher bean of your own, or set "
                    + "eventsourcing.notifications.enabled=false.");
        }

        @Test
        @DisplayName("has a max back-off shorter than its initial back-off")
        void backoffsTheWrongWayRound() {
            FailureAnalysis analysis = failure(runner, "eventsourcing.notifications.enabled=true",
                    "eventsourcing.notifications.event-grid.endpoint=https://topic.example/api/events",
                    "eventsourcing.notifications.event-grid.key=a2V5",
                    "eventsourcing.notifications.dispatch.initial-backoff=10s",
                    "eventsourcing.notifications.dispatch.max-backoff=1s");

            assertThat(analysis.getDescription()).startsWith("The notification dispatch settings are not usable")
                    .contains("initial-backoff=PT10S, max-backoff=PT1S");
            assertThat(analysis.getAction()).contains("eventsourcing.notifications.dispatch.max-backoff to at least "
                    + "eventsourcing.notifications.dispatch.initial-backoff");
        }

        @Test
        @DisplayName("has an endpoint without a key, a SAS token or any TokenCredential bean")
        void noCredential() {
            FailureAnalysis analysis = failure(runner, "eventsourcing.notifications.enabled=true",
                    "eventsourcing.notifications.event-grid.endpoint=https://topic.example/api/events");

            assertThat(analysis.getDescription()).isEqualTo("eventsourcing.notifications.event-grid.endpoint is "
                    + "https://topic.example/api/events, but neither eventsourcing.notifications.event-grid.key nor "
                    + "eventsourcing.notifications.event-grid.sas-token is set, and the application has no "
                    + "TokenCredential bean to authenticate with Microsoft Entra ID.");
            assertThat(analysis.getAction()).isEqualTo("Set eventsourcing.notifications.event-grid.key to one of the "
                    + "topic's access keys, or eventsourcing.notifications.event-grid.sas-token to a SAS token of the "
                    + "topic. Or add com.azure.spring:spring-cloud-azure-starter (the eventsourcing starter brings "
                    + "it) for the credential configured by spring.cloud.azure.credential.* (e.g. "
                    + "managed-identity-enabled=true), or declare a TokenCredential bean.");
        }

        @Test
        @DisplayName("has an endpoint without a key or a SAS token, and several TokenCredential beans to choose from")
        void ambiguousCredential() {
            FailureAnalysis analysis = failure(runner.withBean("managedIdentity", TokenCredential.class, () -> NO_TOKEN)
                            .withBean("workloadIdentity", TokenCredential.class, () -> NO_TOKEN),
                    "eventsourcing.notifications.enabled=true",
                    "eventsourcing.notifications.event-grid.endpoint=https://topic.example/api/events");

            assertThat(analysis.getDescription()).isEqualTo("eventsourcing.notifications.event-grid.endpoint is "
                    + "https://topic.example/api/events, but neither eventsourcing.notifications.event-grid.key nor "
                    + "eventsourcing.notifications.event-grid.sas-token is set, and the application has several "
                    + "TokenCredential beans (managedIdentity, workloadIdentity), none of them @Primary.");
            assertThat(analysis.getAction()).isEqualTo("Set eventsourcing.notifications.event-grid.key to one of the "
                    + "topic's access keys, or eventsourcing.notifications.event-grid.sas-token to a SAS token of the "
                    + "topic. Or mark the TokenCredential bean to authenticate with as @Primary.");
        }
    }

    @Nested
    @DisplayName("when a notification switch")
    class Switches {

        @Configuration(proxyBeanMethods = false)
        @EnableConfigurationProperties(EventSourcingProperties.class)
        static class StorageRules {
        }

        private final ApplicationContextRunner runner = new Publishing().runner
                .withUserConfiguration(StorageRules.class)
                .withPropertyValues("eventsourcing.notifications.enabled=true",
                        "eventsourcing.notifications.event-grid.endpoint=https://topic.example/api/events",
                        "eventsourcing.notifications.event-grid.key=a2V5",
                        "eventsourcing.streams[Bank.Account].backend=in-memory",
                        "eventsourcing.streams[ALL.ALL].backend=in-memory");

        @Test
        @DisplayName("names a storage rule's domain and entity in other letters (as environment variables do)")
        void keyInOtherCase() {
            FailureAnalysis analysis = failure(runner, "eventsourcing.notifications.streams[bank.account].new-event=false");

            assertThat(analysis.getDescription()).isEqualTo("The notification switch "
                    + "eventsourcing.notifications.streams.[bank.account] matches the storage rule "
                    + "eventsourcing.streams.[Bank.Account] only when letter case is ignored; domain and entity names "
                    + "are case-sensitive, so it would switch nothing.");
            assertThat(analysis.getAction()).isEqualTo("Write the switch as "
                    + "eventsourcing.notifications.streams.[Bank.Account] (in YAML \"[Bank.Account]\"). Environment "
                    + "variables cannot carry the case of a key: set such a switch in a properties or YAML file.");
        }

        @Test
        @DisplayName("names a rule's domain in other letters, or writes ALL in small letters")
        void partInOtherCase() {
            assertThat(failure(runner, "eventsourcing.notifications.streams[bank.ALL].new-event=false").getAction())
                    .startsWith("Write the switch as eventsourcing.notifications.streams.[Bank.ALL] ");
            assertThat(failure(runner, "eventsourcing.notifications.streams[Bank.all].new-event=false").getAction())
                    .startsWith("Write the switch as eventsourcing.notifications.streams.[Bank.ALL] ");
        }

        @Test
        @DisplayName("is spelled as the rules spell the names, or names a domain no rule names, the start goes on")
        void keysAsTheRulesSpellThem() {
            runner.withPropertyValues("eventsourcing.notifications.streams[Bank.ALL].new-event=false",
                    "eventsourcing.notifications.streams[Bank.Account].new-event=true",
                    "eventsourcing.notifications.streams[shop.ALL].new-event=false").run(context -> {
                assertThat(context).hasNotFailed();
                NotificationSwitches switches = context.getBean(NotificationSwitches.class);
                assertThat(switches.isEnabled(NotificationKind.NEW_EVENT, new StreamType("Bank", "Account"))).isTrue();
                assertThat(switches.isEnabled(NotificationKind.NEW_EVENT, new StreamType("Bank", "Card"))).isFalse();
                assertThat(switches.isEnabled(NotificationKind.NEW_EVENT, new StreamType("shop", "Order"))).isFalse();
                assertThat(switches.isEnabled(NotificationKind.NEW_EVENT, new StreamType("Shop", "Order"))).isTrue();
            });
        }
    }

    @Nested
    @DisplayName("when receiving")
    class Receiving {

        private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(NotificationWebhookAutoConfiguration.class));

        @Test
        @DisplayName("the webhook is enabled without a secret")
        void noSecret() {
            FailureAnalysis analysis = failure(runner, "eventsourcing.notifications.webhook.enabled=true");

            assertThat(analysis.getDescription()).isEqualTo("eventsourcing.notifications.webhook.enabled is true, but "
                    + "eventsourcing.notifications.webhook.secret is not set: without it anyone who can reach "
                    + "/eventsourcing/notifications could post notifications to the application's listeners.");
            assertThat(analysis.getAction()).isEqualTo("Set eventsourcing.notifications.webhook.secret to a long "
                    + "random value (from an environment variable or a secret store, not from the source code), and "
                    + "give it to Event Grid in the subscription's endpoint URL, "
                    + "https://<host>/eventsourcing/notifications?code=<secret>. "
                    + "Or set eventsourcing.notifications.webhook.enabled=false.");
        }

        @Test
        @DisplayName("the webhook is enabled without a secret, which it would take from a header too")
        void noSecretWithHeader() {
            FailureAnalysis analysis = failure(runner, "eventsourcing.notifications.webhook.enabled=true",
                    "eventsourcing.notifications.webhook.path=/hooks/eventgrid",
                    "eventsourcing.notifications.webhook.secret-header=X-Notification-Secret");

            assertThat(analysis.getAction()).isEqualTo("Set eventsourcing.notifications.webhook.secret to a long "
                    + "random value (from an environment variable or a secret store, not from the source code), and "
                    + "give it to Event Grid in the subscription's endpoint URL, "
                    + "https://<host>/hooks/eventgrid?code=<secret>, or as the subscription's delivery header "
                    + "X-Notification-Secret. Or set eventsourcing.notifications.webhook.enabled=false.");
        }

        @Test
        @DisplayName("the webhook's secret has neither a query parameter nor a header to travel in")
        void nowhereForTheSecret() {
            FailureAnalysis analysis = failure(runner, "eventsourcing.notifications.webhook.enabled=true",
                    "eventsourcing.notifications.webhook.secret=s3cret-value",
                    "eventsourcing.notifications.webhook.secret-parameter=");

            assertThat(analysis.getDescription()).isEqualTo("eventsourcing.notifications.webhook.secret-parameter and "
                    + "eventsourcing.notifications.webhook.secret-header are both empty, so a delivery has no way to "
                    + "carry the webhook's secret.");
            assertThat(analysis.getAction()).isEqualTo("Remove the empty "
                    + "eventsourcing.notifications.webhook.secret-parameter to carry the secret in the subscription's "
                    + "URL (?code=<secret>), or set eventsourcing.notifications.webhook.secret-header to the delivery "
                    + "header that carries it.");
            assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("s3cret-value");
        }
    }
}
