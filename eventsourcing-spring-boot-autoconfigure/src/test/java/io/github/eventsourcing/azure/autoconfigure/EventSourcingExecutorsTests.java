package io.github.eventsourcing.azure.autoconfigure;

import io.github.eventsourcing.azure.autoconfigure.actuate.EventSourcingHealthAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.notification.NotificationAutoConfiguration;
import io.github.eventsourcing.azure.concurrent.internal.EventSourcingExecutors;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.test.eventgrid.DeliveredNotifications;
import io.github.eventsourcing.azure.test.eventgrid.EventGridClients;
import io.github.eventsourcing.azure.test.eventgrid.EventGridStub;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@DisplayName("The library's own threads")
class EventSourcingExecutorsTests {

    @EventName("Parcel Shipped")
    record ParcelShipped(String to) {
    }

    @Test
    @DisplayName("are named eventsourcing-..., come from one executors bean, and none survives the context's close")
    void noneSurvivesTheContext() {
        Set<Thread> before = libraryThreads();
        try (EventGridStub topic = EventGridStub.http()) {
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class,
                            InMemoryEventStoreAutoConfiguration.class, NotificationAutoConfiguration.class,
                            HealthContributorAutoConfiguration.class, EventSourcingHealthAutoConfiguration.class))
                    .withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=in-memory",
                            "eventsourcing.notifications.enabled=true",
                            "eventsourcing.notifications.event-grid.endpoint=" + topic.endpoint(),
                            "eventsourcing.notifications.event-grid.sas-token=" + EventGridClients.SAS)
                    .run(context -> {
                        assertThat(context).hasNotFailed().hasSingleBean(EventSourcingExecutors.class);
                        context.getBean(EventStreams.class).stream("Shipping", "Parcel", "P-1")
                                .append(new ParcelShipped("Oslo"));
                        await().until(() -> DeliveredNotifications.of(topic).size() == 2);
                        HealthIndicator storage = (HealthIndicator) context.getBean("eventsourcingHealthContributor",
                                CompositeHealthContributor.class).getContributor("storage");
                        assertThat(storage.health().getStatus().getCode()).isEqualTo("UP");

                        assertThat(names(started(before))).contains("eventsourcing-notify-best-effort",
                                "eventsourcing-notify-timer", "eventsourcing-health-1");
                    });
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(names(started(before))).as("library threads alive after close").isEmpty());
    }

    private static Set<Thread> started(Set<Thread> before) {
        Set<Thread> now = libraryThreads();
        now.removeAll(before);
        return now;
    }

    private static Set<Thread> libraryThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith(EventSourcingExecutors.THREAD_PREFIX))
                .collect(Collectors.toSet());
    }

    private static Set<String> names(Set<Thread> threads) {
        return threads.stream().map(Thread::getName).collect(Collectors.toSet());
    }
}
