package io.github.eventsourcing.azure.autoconfigure.actuate;

import io.github.eventsourcing.azure.concurrent.internal.EventSourcingExecutors;
import io.github.eventsourcing.azure.concurrent.internal.EventSourcingExecutorsConfiguration;
import io.github.eventsourcing.azure.actuate.internal.NotificationBacklogHealthIndicator;
import io.github.eventsourcing.azure.deadletter.DeadLetters;
import io.github.eventsourcing.azure.actuate.internal.StorageHealthIndicator;
import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.notification.internal.NotificationDispatcher;
import io.github.eventsourcing.azure.spi.DeadLetter;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.time.Clock;

/**
 * The {@code eventsourcing} health contributor (Spring Boot Actuator): the storage connections the stream rules use,
 * probed at once within {@code eventsourcing.health.timeout}, and the backlog of unpublished notifications (DOWN past
 * {@code eventsourcing.health.notifications.max-age}) when notifications are enabled. Switched off with
 * {@code management.health.eventsourcing.enabled=false}.
 */
// By name: the notification auto-configuration needs the Event Grid SDK, which is optional.
@AutoConfiguration(after = EventSourcingAutoConfiguration.class,
        afterName = "io.github.eventsourcing.azure.autoconfigure.notification.NotificationAutoConfiguration")
@ConditionalOnClass(HealthContributor.class)
@ConditionalOnEnabledHealthIndicator("eventsourcing")
@ConditionalOnBean(EventStoreRouter.class)
@EnableConfigurationProperties(EventSourcingHealthProperties.class)
@Import(EventSourcingExecutorsConfiguration.class)
public final class EventSourcingHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "eventsourcingHealthContributor")
    EventSourcingHealthContributor eventsourcingHealthContributor(EventStoreRouter router,
                                                                  EventSourcingHealthProperties health,
                                                                  ObjectProvider<NotificationDispatcher> dispatcher,
                                                                  ObjectProvider<DeadLetters> deadLetters,
                                                                  EventSourcingExecutors executors) {
        // The router's declared routes: the configured router declares its rules, an application's own router
        // whatever it declares (a decorating router forwards the routes of the one it wraps).
        StorageHealthIndicator storage = new StorageHealthIndicator(RoutedStores.targets(router), health.getTimeout(),
                executors);
        NotificationDispatcher notifications = dispatcher.getIfUnique();
        return new EventSourcingHealthContributor(storage, notifications == null ? null
                : new NotificationBacklogHealthIndicator(notifications::backlog, () -> deadLetters.stream()
                .flatMap(letters -> letters.list(DeadLetter.NOTIFICATION).stream()).toList(),
                health.getNotifications().getMaxAge(),
                Clock.systemUTC()));
    }

    /**
     * Probes every connection once the application is ready, off the start-up thread: warns early of a connection
     * that does not work, and gets the storage SDKs' first-request set-up out of the first health check's way.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> eventsourcingStartupHealthCheck(
            EventSourcingHealthContributor contributor) {
        return ready -> contributor.storage().checkAndLogInBackground();
    }
}
